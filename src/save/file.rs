//! Save files on disk: atomic writes with a backup, and reads that never change the file.
//!
//! A write goes to a temporary file in the same folder, is flushed to disk, the previous save
//! (if it still reads as a save) is copied to the backup, the temporary file is renamed over the
//! save, and the folder is flushed. A crash at any point leaves the old save or the new one at
//! the save's path, never a mix, and never nothing.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::error::SaveError;
use crate::model::save::SaveGame;

/// The backup kept beside a save: `<save>.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".bak");
    PathBuf::from(name)
}

/// Reads and parses a save. A missing file is `Ok(None)` (a new game); anything else that
/// prevents loading is an error naming the file. The file is only read.
pub fn read_save(path: &Path) -> Result<Option<SaveGame>, SaveError> {
    match fs::read(path) {
        Ok(bytes) => SaveGame::from_ron(path, &bytes).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(SaveError::Unreadable {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Writes a save atomically, keeping the previous good save as [`backup_path`].
pub fn write_save(path: &Path, save: &SaveGame) -> Result<(), SaveError> {
    let text = save.to_ron()?;
    write_atomic(path, text.as_bytes(), &mut |_| Ok(()))
}

/// Moves a save the game refused out of the way (to `<save>.rejected`, or `.rejected-2`, ...),
/// so that starting over never overwrites or deletes it. Returns where it went.
pub fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let mut n = 1u32;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(if n == 1 {
            ".rejected".to_owned()
        } else {
            format!(".rejected-{n}")
        });
        let target = PathBuf::from(name);
        if !target.exists() {
            fs::rename(path, &target)?;
            sync_folder(path)?;
            return Ok(target);
        }
        n += 1;
    }
}

/// The steps of an atomic write, where tests inject failures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WriteStep {
    /// The new content is in the temporary file and flushed.
    TempSynced,
    /// The previous save was copied to the backup.
    BackedUp,
    /// The temporary file was renamed over the save.
    Renamed,
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn sync_folder(path: &Path) -> io::Result<()> {
    fs::File::open(folder_of(path))?.sync_all()
}

/// Writes `bytes` to `path` through a flushed temporary file and a rename. `fault` runs after
/// each step and may fail it (tests simulate a crash or a full disk there).
pub(crate) fn write_atomic(
    path: &Path,
    bytes: &[u8],
    fault: &mut dyn FnMut(WriteStep) -> io::Result<()>,
) -> Result<(), SaveError> {
    let err = |step: &'static str| {
        let path = path.to_owned();
        move |source: io::Error| SaveError::Write { path, step, source }
    };
    let folder = folder_of(path);
    fs::create_dir_all(folder).map_err(err("create the folder"))?;
    let prefix = format!(
        ".{}.",
        path.file_name()
            .map_or("save".into(), |n| n.to_string_lossy())
    );
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
        .suffix(".tmp")
        .tempfile_in(folder)
        .map_err(err("create a temporary file"))?;
    temp.write_all(bytes).map_err(err("write"))?;
    temp.as_file().sync_all().map_err(err("flush"))?;
    fault(WriteStep::TempSynced).map_err(err("flush"))?;

    // Only a previous save that still reads becomes the backup: a damaged file never replaces
    // a good backup.
    if let Ok(previous) = fs::read(path)
        && SaveGame::from_ron(path, &previous).is_ok()
    {
        let mut copy = tempfile::Builder::new()
            .prefix(&prefix)
            .suffix(".bak.tmp")
            .tempfile_in(folder)
            .map_err(err("create the backup"))?;
        copy.write_all(&previous).map_err(err("write the backup"))?;
        copy.as_file().sync_all().map_err(err("flush the backup"))?;
        copy.persist(backup_path(path))
            .map_err(|e| e.error)
            .map_err(err("keep the backup"))?;
    }
    fault(WriteStep::BackedUp).map_err(err("keep the backup"))?;

    temp.persist(path)
        .map_err(|e| e.error)
        .map_err(err("rename over the save"))?;
    fault(WriteStep::Renamed).map_err(err("flush the folder"))?;
    sync_folder(path).map_err(err("flush the folder"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::save::PlayerSave;
    use crate::player::{PlayerId, Wallet};

    fn save_with_credits(credits: u64) -> SaveGame {
        SaveGame {
            players: vec![PlayerSave {
                id: PlayerId("ann".into()),
                wallet: Wallet { credits },
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn credits(path: &Path) -> u64 {
        read_save(path).unwrap().unwrap().players[0].wallet.credits
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn each_write_keeps_the_previous_save_as_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save.ron");
        write_save(&path, &save_with_credits(1)).unwrap();
        assert!(!backup_path(&path).exists());
        write_save(&path, &save_with_credits(2)).unwrap();
        write_save(&path, &save_with_credits(3)).unwrap();
        assert_eq!(credits(&path), 3);
        assert_eq!(credits(&backup_path(&path)), 2);
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failure_at_any_step_before_the_rename_leaves_the_old_save() {
        for step in [WriteStep::TempSynced, WriteStep::BackedUp] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("game.save.ron");
            write_save(&path, &save_with_credits(1)).unwrap();
            let before = fs::read(&path).unwrap();
            let text = save_with_credits(99).to_ron().unwrap();
            let result = write_atomic(&path, text.as_bytes(), &mut |s| {
                if s == step {
                    Err(io::Error::other("power cut"))
                } else {
                    Ok(())
                }
            });
            let message = result.unwrap_err().to_string();
            assert!(message.contains("power cut"), "{message}");
            assert!(message.contains("previous save is untouched"), "{message}");
            assert_eq!(fs::read(&path).unwrap(), before, "{step:?}");
            assert!(leftovers(dir.path()).is_empty(), "{step:?}");
            // The next save goes through.
            write_save(&path, &save_with_credits(5)).unwrap();
            assert_eq!(credits(&path), 5);
        }
    }

    #[test]
    fn a_failure_after_the_rename_leaves_the_new_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save.ron");
        write_save(&path, &save_with_credits(1)).unwrap();
        let text = save_with_credits(7).to_ron().unwrap();
        let result = write_atomic(&path, text.as_bytes(), &mut |s| {
            if s == WriteStep::Renamed {
                Err(io::Error::other("crash"))
            } else {
                Ok(())
            }
        });
        assert!(result.is_err());
        assert_eq!(credits(&path), 7);
        assert_eq!(credits(&backup_path(&path)), 1);
    }

    #[test]
    fn a_damaged_save_never_replaces_a_good_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save.ron");
        write_save(&path, &save_with_credits(1)).unwrap();
        write_save(&path, &save_with_credits(2)).unwrap();
        fs::write(&path, b"(version: 2, players: [").unwrap();
        write_save(&path, &save_with_credits(3)).unwrap();
        assert_eq!(credits(&backup_path(&path)), 1);
        assert_eq!(credits(&path), 3);
    }

    #[test]
    fn set_aside_never_overwrites_an_earlier_rejected_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("game.save.ron");
        fs::write(&path, b"first").unwrap();
        let first = set_aside(&path).unwrap();
        fs::write(&path, b"second").unwrap();
        let second = set_aside(&path).unwrap();
        assert_ne!(first, second);
        assert_eq!(fs::read(first).unwrap(), b"first");
        assert_eq!(fs::read(second).unwrap(), b"second");
        assert!(!path.exists());
    }

    #[test]
    fn a_missing_save_is_a_new_game_and_a_folder_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        assert!(read_save(&dir.path().join("none.ron")).unwrap().is_none());
        let err = read_save(dir.path()).unwrap_err();
        assert!(matches!(err, SaveError::Unreadable { .. }), "{err}");
    }
}
