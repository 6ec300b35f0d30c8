//! Buyers' names as masks, for a report shared outside the team (`--mask-buyers`,
//! docs/decisions.md#masked-buyers): the first and the last character kept, one `*` for each
//! character between (`tb_12` → `t***2`); a one-character name is `*`, a two-character name
//! keeps its first (`王五` → `王*`). Names whose masks would be the same (same length, same
//! first and last character) are told apart by a number: sorted by their text, the first keeps
//! the plain mask, the next ones get `#2`, `#3`… (`t***2`, `t***2#2`). Masks depend only on
//! the set of names in the run, not on the order they were read in.

/// The mask of a name before any number: what it looks like (length, first and last character).
pub fn plain_mask(name: &str) -> String {
    let mut chars = name.chars();
    let (Some(first), n) = (chars.next(), name.chars().count()) else { return String::new() };
    match n {
        1 => "*".to_string(),
        2 => format!("{first}*"),
        _ => {
            let last = name.chars().next_back().unwrap_or(first);
            let mut mask = String::with_capacity(n + 8);
            mask.push(first);
            mask.extend(std::iter::repeat_n('*', n - 2));
            mask.push(last);
            mask
        }
    }
}

/// The mask of each of `names` (distinct), in their order: a name's plain mask, followed by
/// `#k` when it is the k-th (k ≥ 2, by text) of the names sharing that plain mask.
/// No two names get one mask: plain masks differ unless the names share length, first and
/// last character, and then the numbers differ; a numbered mask has `#` between its first and
/// last character, where a plain mask has only `*`, so it is never a plain mask.
pub fn masks(names: &[&str]) -> Vec<String> {
    // What decides the plain mask, without building it: 16 bytes per name, sorted.
    let key = |name: &str| {
        let n = name.chars().count();
        let first = name.chars().next().unwrap_or('\0');
        let last = if n > 2 { name.chars().next_back().unwrap_or('\0') } else { '\0' };
        let first = if n > 1 { first } else { '\0' };
        (n as u32, first, last)
    };
    let mut order: Vec<(u32, char, char, u32)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (n, first, last) = key(name);
            (n, first, last, i as u32)
        })
        .collect();
    order.sort_unstable_by(|a, b| (a.0, a.1, a.2, names[a.3 as usize]).cmp(&(b.0, b.1, b.2, names[b.3 as usize])));
    let mut out = vec![String::new(); names.len()];
    let mut k = 0;
    for (j, &(n, first, last, i)) in order.iter().enumerate() {
        let same_as_before = j > 0 && {
            let (pn, pf, pl, _) = order[j - 1];
            (pn, pf, pl) == (n, first, last)
        };
        k = if same_as_before { k + 1 } else { 1 };
        let mut mask = plain_mask(names[i as usize]);
        if k > 1 {
            mask.push('#');
            mask.push_str(&k.to_string());
        }
        out[i as usize] = mask;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_and_last_kept_one_star_a_character() {
        assert_eq!(plain_mask("tb_12"), "t***2");
        assert_eq!(plain_mask("tb_0000171"), "t********1");
        assert_eq!(plain_mask("王小明"), "王*明");
        assert_eq!(plain_mask("王五"), "王*");
        assert_eq!(plain_mask("王"), "*");
        assert_eq!(plain_mask("a"), "*");
        assert_eq!(plain_mask(""), "");
        assert_eq!(plain_mask("小白兔🐰"), "小**🐰");
    }

    #[test]
    fn names_that_would_look_alike_are_numbered_by_their_text() {
        let names = ["tb_92", "tb_12", "tc_02", "tb_1234", "王五", "王六", "甲", "乙", "t***2"];
        let masks = masks(&names);
        // One look (5 characters, t…2): by text, t***2 ('*' sorts before 'b') keeps the plain
        // mask, then tb_12, tb_92, tc_02; 王五 before 王六, 乙 before 甲.
        assert_eq!(masks, ["t***2#3", "t***2#2", "t***2#4", "t*****4", "王*", "王*#2", "*#2", "*", "t***2"]);
        let distinct: std::collections::HashSet<&String> = masks.iter().collect();
        assert_eq!(distinct.len(), names.len());
    }

    #[test]
    fn masks_do_not_depend_on_the_order_names_come_in() {
        let names: Vec<String> = (0..300).map(|i| format!("tb_{:07}", i * 7919 % 1000)).collect();
        let forward: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
        let backward: Vec<&str> = forward.iter().rev().copied().collect();
        let (a, mut b) = (masks(&forward), masks(&backward));
        b.reverse();
        assert_eq!(a, b);
        let distinct: std::collections::HashSet<&String> = a.iter().collect();
        assert_eq!(distinct.len(), names.len());
        // The names ending in 0 share t********0: tb_0000000 keeps it, tb_0000040 is #2.
        let mask_of = |name: &str| &a[forward.iter().position(|n| *n == name).unwrap()];
        assert_eq!((mask_of("tb_0000000").as_str(), mask_of("tb_0000040").as_str()), ("t********0", "t********0#2"));
    }
}
