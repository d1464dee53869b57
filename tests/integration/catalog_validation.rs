//! Each validation error, located in its file.

use crate::common::{WORLD, errors_of};

/// Asserts that exactly one error contains every fragment, and returns it.
fn one_error(errors: &[String], fragments: &[&str]) -> String {
    let matching: Vec<&String> = errors
        .iter()
        .filter(|e| fragments.iter().all(|f| e.contains(f)))
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "expected one error with {fragments:?}, got {errors:#?}"
    );
    matching[0].clone()
}

fn mission(body: &str) -> String {
    format!("(missions: [{body}])")
}

#[test]
fn the_world_fixture_is_valid() {
    assert!(errors_of(&[("world.missions.ron", WORLD)]).is_empty());
}

#[test]
fn duplicate_ids_across_files_name_both_places() {
    let a = mission(r#"(id: "M", name: "a", objectives: [(goal: GoTo(place: "DOCK"))])"#);
    let b = format!(
        "\n\n{}",
        mission(r#"(id: "M", name: "b", objectives: [(goal: GoTo(place: "DOCK"))])"#)
    );
    let errors = errors_of(&[
        ("world.missions.ron", WORLD),
        ("a.missions.ron", &a),
        ("b.missions.ron", &b),
    ]);
    let e = one_error(&errors, &["duplicate mission id `M`"]);
    assert!(e.starts_with("b.missions.ron:3:18:"), "{e}");
    assert!(e.contains("first defined at a.missions.ron:1:18"), "{e}");
}

#[test]
fn duplicate_single_sections_are_refused() {
    let daily = "(tuning: (labels: {}, extraction_timer: {}, rarity_mult: {}))";
    let errors = errors_of(&[("a.missions.ron", daily), ("b.missions.ron", daily)]);
    one_error(
        &errors,
        &[
            "b.missions.ron:1:2:",
            "`tuning` is defined twice",
            "a.missions.ron:1:2",
        ],
    );
}

#[test]
fn dangling_references_name_the_owner_and_suggest() {
    let m = mission(
        r#"(id: "M", name: "m", issuer: "FEDD",
            objectives: [(goal: FindItem(item: "ORE")), (goal: KillType(enemy: "SWARMR", count: 2))],
            follow_ups: [(mission: "NOPE")],
            gates: (prerequisites: [(mission: "GONE")]))"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    one_error(
        &errors,
        &[
            "m.missions.ron:1:42:",
            "mission `M` refers to unknown faction `FEDD`",
            "did you mean `FED`",
        ],
    );
    one_error(
        &errors,
        &[
            "mission `M` objective 2 refers to unknown enemy `SWARMR`",
            "did you mean `SWARMER`",
        ],
    );
    one_error(&errors, &["unknown mission `NOPE`"]);
    one_error(&errors, &["unknown mission `GONE`"]);
}

#[test]
fn every_reference_kind_is_checked() {
    let m = mission(
        r#"(id: "M", name: "m", giver: "NOBODY", target_faction: "X",
            objectives: [
                (goal: GoToKind(kind: "LAB")), (goal: Interact(object: "PC")), (goal: RecruitNpcClass(class: "COOK")),
                (goal: KillSpecies(species: "BUG", count: 1)), (goal: Counter(counter: "CHATS", count: 1)),
                (goal: KillTarget(target: "BOSS")),
            ],
            effects: (on_start: [SetVariable(variable: "V", value: 1), GrantTrait(trait: "T")]))"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    for fragment in [
        "unknown npc `NOBODY`",
        "unknown faction `X`",
        "unknown place kind `LAB`",
        "unknown object `PC`",
        "unknown npc class `COOK`",
        "unknown species `BUG`",
        "unknown counter `CHATS`",
        "unknown variable `V`",
        "unknown trait `T`",
        "target `BOSS` is not spawned",
    ] {
        one_error(&errors, &[fragment]);
    }
}

#[test]
fn misspelt_fields_and_variants_are_refused_with_a_suggestion() {
    let m = "(missions: [(\n  id: \"M\",\n  name: \"m\",\n  gates: (min_reputaton: 10),\n)])";
    let errors = errors_of(&[("m.missions.ron", m)]);
    let e = one_error(
        &errors,
        &[
            "unknown field `min_reputaton`",
            "did you mean `min_reputation`?",
        ],
    );
    assert!(e.starts_with("m.missions.ron:4:"), "{e}");

    let v = r#"(missions: [(id: "M", name: "m", mission_type: Combta)])"#;
    one_error(
        &errors_of(&[("v.missions.ron", v)]),
        &["unknown variant `Combta`", "did you mean `Combat`?"],
    );

    let top = "(mision: [])";
    one_error(
        &errors_of(&[("t.missions.ron", top)]),
        &["unknown field `mision`", "did you mean `missions`?"],
    );
}

#[test]
fn syntax_errors_carry_line_and_column() {
    let broken = "(\n  missions: [\n    (id: \"M\", name: \"m\"\n  ],\n)";
    let errors = errors_of(&[("broken.missions.ron", broken)]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("broken.missions.ron:4:"),
        "{errors:?}"
    );
}

#[test]
fn all_files_are_parsed_so_every_broken_one_is_reported() {
    let errors = errors_of(&[
        ("a.missions.ron", "(missions: [)"),
        ("b.missions.ron", ""),
        ("c.missions.ron", WORLD),
    ]);
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with("a.missions.ron:1:"));
    assert!(errors[1].starts_with("b.missions.ron:1:1: the file is empty"));
}

#[test]
fn prerequisite_and_subquest_cycles_are_found() {
    let m = mission(
        r#"(id: "A", name: "a", gates: (prerequisites: [(mission: "B")]), objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "B", name: "b", gates: (prerequisites: [(mission: "C")]), objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "C", name: "c", objectives: [(goal: Subquest(mission: "A"))])"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    let e = one_error(&errors, &["prerequisite cycle"]);
    assert!(e.contains("A -> B -> C -> A"), "{e}");
}

#[test]
fn missions_nobody_can_reach_are_reported() {
    let m = mission(
        r#"(id: "ORPHAN", name: "o", origins: [Secondary], objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "OFF", name: "off", active: false, objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "NEEDS_OFF", name: "n", gates: (prerequisites: [(mission: "OFF")]), objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "START", name: "s", objectives: [(goal: GoTo(place: "DOCK"))], follow_ups: [(mission: "CHAINED")]),
           (id: "CHAINED", name: "c", origins: [Secondary], objectives: [(goal: GoTo(place: "DOCK"))])"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    one_error(
        &errors,
        &[
            "mission `ORPHAN` can never be reached",
            "only offered as a follow-up",
        ],
    );
    one_error(
        &errors,
        &[
            "mission `NEEDS_OFF` can never be reached",
            "needs `OFF` completed",
        ],
    );
    assert!(
        !errors.iter().any(|e| e.contains("`CHAINED` can never")),
        "{errors:?}"
    );
    assert!(
        !errors.iter().any(|e| e.contains("`OFF` can never")),
        "inactive missions are intentional"
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn impossible_gates_are_reported() {
    let m = mission(
        r#"(id: "ONCE", name: "once", objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "G", name: "g", issuer: "FED", gates: (min_reputation: 5000, min_level: 99, prerequisites: [(mission: "ONCE", amount: 3)]),
            timing: (expires_at: 10.0, window: (opens_at: 20.0, closes_at: 30.0)),
            objectives: [(goal: GoTo(place: "DOCK"))]),
           (id: "NO_ISSUER", name: "n", gates: (min_reputation: 100), objectives: [(goal: GoTo(place: "DOCK"))])"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    one_error(
        &errors,
        &[
            "`G` has an impossible gate",
            "min_reputation 5000 is above the highest standing 1000",
        ],
    );
    one_error(&errors, &["`G` has an impossible gate", "min_level 99"]);
    one_error(
        &errors,
        &[
            "`G` has an impossible gate",
            "needs `ONCE` completed 3 times but it can be completed only 1 times",
        ],
    );
    one_error(
        &errors,
        &[
            "`G` has an impossible gate",
            "expires at 10 before its window opens at 20",
        ],
    );
    one_error(
        &errors,
        &["`NO_ISSUER` has an impossible gate", "needs an `issuer`"],
    );
}

#[test]
fn nonsense_values_are_reported() {
    let m = mission(
        r#"(id: "V", name: "v", mission_type: Diplomatic, party: (max_size: 0),
            timing: (deadline_hours: (low: 5.0, high: 2.0), finish_time: -1.0, window: (opens_at: 9.0, closes_at: 3.0)),
            objectives: [(goal: KillType(enemy: "SWARMER", count: 0)), (goal: FindMonster(enemy: "SWARMER")), (goal: FindAnyItem(items: []))]),
           (id: "EMPTY", name: "e"),
           (id: "OPT", name: "o", objectives: [(goal: GoTo(place: "DOCK"), optional: true)])"#,
    );
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", &m)]);
    for fragment in [
        "party.max_size must be at least 1",
        "deadline_hours must satisfy",
        "finish_time must be a positive number",
        "window closes (3) before it opens (9)",
        "objective 1: count must be at least 1",
        "FindMonster needs a friendly enemy type",
        "FindAnyItem needs at least one item",
        "a Diplomatic mission needs a `target_faction`",
        "mission `EMPTY`: a mission needs at least one objective",
        "mission `OPT`: every objective is optional",
    ] {
        one_error(&errors, &[fragment]);
    }
}

#[test]
fn tuning_tables_must_be_exhaustive_and_increasing() {
    let tuning = r#"(tuning: (
        labels: {Explore: (enemy_count_mult: 1.0, weapon_box_count: 0), Find: (enemy_count_mult: 0.85, weapon_box_count: 2),
                 Battle: (enemy_count_mult: 1.4, weapon_box_count: 0)},
        extraction_timer: {Routine: 180.0, Standard: 240.0, Hazardous: 230.0, Critical: 360.0},
        rarity_mult: {Common: 1.0, Uncommon: 1.1, Rare: 1.2, Legendary: 0.0},
    ))"#;
    let errors = errors_of(&[("tuning.missions.ron", tuning)]);
    one_error(
        &errors,
        &["tuning.missions.ron:1:2:", "no entry for label Protect"],
    );
    one_error(&errors, &["no entry for difficulty BlackFlag"]);
    one_error(
        &errors,
        &[
            "must increase with difficulty",
            "Hazardous (230s) is not longer than Standard (240s)",
        ],
    );
    one_error(
        &errors,
        &["rarity_mult[Legendary]` must be a positive number"],
    );
    assert_eq!(errors.len(), 4, "{errors:#?}");
}

#[test]
fn postings_need_tuning_tables_and_matching_labels() {
    let board = r#"(
        planets: [(id: "ROCK", name: "Rock")],
        missions: [(id: "M", name: "m", label: Battle, origins: [Board], objectives: [(goal: GoTo(place: "DOCK"))])],
        postings: [(id: "P", title: "p", planet: "ROCK", label: Find, difficulty: Routine, mission: "M"),
                   (id: "Q", title: "q", planet: "MOON", label: Battle, difficulty: Routine, mission: "M")],
    )"#;
    let errors = errors_of(&[("world.missions.ron", WORLD), ("board.missions.ron", board)]);
    one_error(
        &errors,
        &["there are postings but no file defines `tuning`"],
    );
    one_error(
        &errors,
        &["posting `P`: label Find differs from mission `M`'s label Battle"],
    );
    one_error(&errors, &["posting `Q` refers to unknown planet `MOON`"]);
}

#[test]
fn daily_slots_must_all_be_filled_with_repeatable_missions() {
    let daily = r#"(
        counters: [(id: "TRADES", name: "t")],
        daily: (refresh_hour: 25, slots: [(slot: Trade, missions: ["ONCE"]), (slot: Combat, missions: [])]),
        missions: [(id: "ONCE", name: "o", origins: [Daily], objectives: [(goal: Counter(counter: "TRADES", count: 2))])],
    )"#;
    let errors = errors_of(&[("daily.missions.ron", daily)]);
    one_error(&errors, &["refresh_hour must be 0..=23"]);
    one_error(&errors, &["slot Combat has no missions"]);
    one_error(&errors, &["slot Travel has no missions"]);
    one_error(&errors, &["slot Social has no missions"]);
    one_error(&errors, &["daily mission `ONCE` must be `repeatable: 0`"]);
}

#[test]
fn templates_are_checked() {
    let t = r#"(
        templates: [
            (id: "S", name: "s", kind: Smuggling(contraband: ["ORE"], destination_kinds: ["BEACON"], patrol_counter: "SCANS", max_scans: 0)),
            (id: "B", name: "b", min_credits: 10, max_credits: 5, weight: 0, kind: BountyHunt(classes: [], max_reputation: 0)),
            (id: "D", name: "d", kind: DistressBeacon(beacon_kind: "BEACON", window_secs: 0.0)),
        ],
    )"#;
    let errors = errors_of(&[("world.missions.ron", WORLD), ("t.missions.ron", t)]);
    for fragment in [
        "Smuggling is offered to one faction only",
        "template `S` refers to unknown counter `SCANS`",
        "max_scans must be at least 1",
        "min_credits 10 is above max_credits 5",
        "weight 0 means it is never drawn",
        "BountyHunt needs at least one npc class",
        "window_secs must be a positive number",
    ] {
        one_error(&errors, &[fragment]);
    }
}

#[test]
fn a_mission_with_more_objectives_than_routes_can_name_is_refused() {
    let objective = r#"(goal: GoTo(place: "DOCK")),"#;
    let text = format!(
        r#"(
        place_kinds: [(id: "BEACON", name: "Beacon")],
        places: [(id: "DOCK", name: "Dock", kind: "BEACON")],
        missions: [(id: "HUGE", name: "Huge", objectives: [{}])],
    )"#,
        objective.repeat(65_536)
    );
    let errors = crate::common::errors_of(&[("huge.missions.ron", &text)]);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("65536 objectives: a mission holds at most 65535")),
        "{errors:?}"
    );
}

#[test]
fn rules_out_of_range_are_refused_where_they_are() {
    let rules = "\n(rules: (concurrent_cap: 0, postings_per_planet: 0))";
    let errors = errors_of(&[("world.missions.ron", WORLD), ("r.missions.ron", rules)]);
    let cap = one_error(&errors, &["concurrent_cap must be at least 1"]);
    assert!(cap.starts_with("r.missions.ron:2:"), "{cap}");
    let per_planet = one_error(&errors, &["postings_per_planet must be at least 1"]);
    assert!(per_planet.starts_with("r.missions.ron:2:"), "{per_planet}");
    // Left out, the board shows every posting; any positive count is fine.
    let fine = "(rules: (postings_per_planet: 2))";
    assert!(errors_of(&[("world.missions.ron", WORLD), ("r.missions.ron", fine)]).is_empty());
}

#[test]
fn two_objectives_with_one_key_and_a_fail_condition_listed_twice_are_refused_where_they_are() {
    let missions = r#"(
    counters: [(id: "ALARM", name: "Alarm")],
    missions: [
        (id: "TWICE", name: "Twice",
         objectives: [(goal: GoTo(place: "DOCK")), (goal: GoTo(place: "DOCK"))]),
        (id: "FAILS", name: "Fails", objectives: [(goal: GoTo(place: "DOCK"))],
         fail_when: [CounterReaches(counter: "ALARM", count: 2), CounterReaches(counter: "ALARM", count: 3)]),
        (id: "KEYED", name: "Keyed",
         objectives: [(goal: GoTo(place: "DOCK")), (goal: GoTo(place: "DOCK"), key: "again")]),
    ],
)"#;
    let errors = errors_of(&[("world.missions.ron", WORLD), ("m.missions.ron", missions)]);
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].starts_with("m.missions.ron:4:")
            && errors[0].contains("two objectives share the key `GoTo(DOCK)`"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("m.missions.ron:6:")
            && errors[1].contains("the fail condition `CounterReaches(ALARM)` is listed twice"),
        "{errors:#?}"
    );
}
