//! Finding English left in a Chinese message (src/messages/mod.rs `english_sentence`).

/// Three or more English words in a row outside what a message quotes as written.
pub fn sentence(text: &str) -> Option<String> {
    let text = without_quoted(text);
    let mut run: Vec<&str> = Vec::new();
    for token in text.split_whitespace() {
        let word = token.trim_matches(|c: char| matches!(c, ',' | ';' | '!' | '?' | '(' | ')' | '…' | '.'));
        if word.len() >= 2 && word.chars().all(|c| c.is_ascii_alphabetic()) {
            run.push(word);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

/// The text with quoted parts, paths, options and config lines blanked out.
fn without_quoted(text: &str) -> String {
    let mut out = String::new();
    let mut closing: Option<char> = None;
    let mut depth_technical = false;
    let mut rest = text;
    for c in text.chars() {
        rest = &rest[c.len_utf8()..];
        if depth_technical {
            if c == '）' {
                depth_technical = false;
            }
            continue;
        }
        if let Some(end) = closing {
            if c == end {
                closing = None;
                out.push(' ');
            }
            continue;
        }
        match c {
            '"' => closing = Some('"'),
            '`' => closing = Some('`'),
            '“' => closing = Some('”'),
            '「' => closing = Some('」'),
            '[' => closing = Some(']'),
            '（' if rest.starts_with("技术信息") || rest.starts_with("technical") => depth_technical = true,
            _ => out.push(c),
        }
    }
    // Paths, file names, options, keys and figures are words of no language.
    out.split(' ')
        .map(|w| {
            if w.contains(['/', '\\', '.', '_', '=', ':', '@', '-', '{', '}', '<', '>', '*'])
                || w.chars().any(|c| c.is_ascii_digit())
            {
                "·"
            } else {
                w
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
