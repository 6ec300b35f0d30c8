//! Buyers' names as masks, for a report shared outside the team (`--mask-buyers`,
//! docs/decisions.md#masked-buyers): the first and the last character kept, one `*` for each
//! character between (`tb_12` → `t***2`); a one-character name is `*`, a two-character name
//! keeps its first (`王五` → `王*`). Names whose masks would be the same (same length, same
//! first and last character) are told apart by a number: sorted by their text, the first keeps
//! the plain mask, the next ones get `#2`, `#3`… (`t***2`, `t***2#2`). Masks depend only on
//! the set of names in the run, not on the order they were read in.

/// The mask of a name before any number: what it looks like (length, first and last character).
pub fn plain_mask(name: &str) -> String {
    let mut mask = String::new();
    push_mask(&mut mask, name, 1);
    mask
}

/// Appends the mask of `name` to `out`: its plain mask, followed by `#k` when it is the k-th
/// (k ≥ 2) of the names that share that plain mask (`numbers`).
pub fn push_mask(out: &mut String, name: &str, k: u32) {
    let n = name.chars().count();
    let (first, last) = (name.chars().next(), name.chars().next_back());
    match (n, first, last) {
        (0, ..) | (_, None, _) | (_, _, None) => return,
        (1, ..) => out.push('*'),
        (2, Some(first), _) => {
            out.push(first);
            out.push('*');
        }
        (_, Some(first), Some(last)) => {
            out.push(first);
            out.extend(std::iter::repeat_n('*', n - 2));
            out.push(last);
        }
    }
    if k > 1 {
        out.push('#');
        out.push_str(&k.to_string());
    }
}

/// Each of `names` (distinct) numbered among the names sharing its plain mask, in their order:
/// 1 for the first by text (the plain mask), 2, 3… for the next. No two names get one mask:
/// plain masks differ unless the names share length, first and last character, and then the
/// numbers differ; a numbered mask has `#` between its first and last character, where a plain
/// mask has only `*`, so it is never a plain mask. 20 bytes a name while it runs.
pub fn numbers(names: &[&str]) -> Vec<u32> {
    // What decides the plain mask, without building it.
    let look = |name: &str| {
        let n = name.chars().count();
        let first = if n > 1 { name.chars().next().unwrap_or('\0') } else { '\0' };
        let last = if n > 2 { name.chars().next_back().unwrap_or('\0') } else { '\0' };
        (n as u32, first, last)
    };
    let mut order: Vec<(u32, char, char, u32)> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (n, first, last) = look(name);
            (n, first, last, i as u32)
        })
        .collect();
    order.sort_unstable_by(|a, b| (a.0, a.1, a.2, names[a.3 as usize]).cmp(&(b.0, b.1, b.2, names[b.3 as usize])));
    let mut out = vec![1; names.len()];
    for j in 1..order.len() {
        let (before, this) = (order[j - 1], order[j]);
        if (before.0, before.1, before.2) == (this.0, this.1, this.2) {
            out[this.3 as usize] = out[before.3 as usize] + 1;
        }
    }
    out
}

/// The mask of each of `names` (distinct), in their order.
pub fn masks(names: &[&str]) -> Vec<String> {
    let numbers = numbers(names);
    names
        .iter()
        .zip(numbers)
        .map(|(name, k)| {
            let mut mask = String::new();
            push_mask(&mut mask, name, k);
            mask
        })
        .collect()
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
