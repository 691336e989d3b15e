//! How deeply flow collections (`[…]`, `{…}`) nest, measured the way the YAML scanner sees
//! them, without parsing.
//!
//! The YAML scanner's work per token grows with the flow nesting around it, so a document
//! that opens flow collections a hundred thousand levels deep takes hours to parse, long
//! before any deserializer can count levels and stop. It has to be turned away first.
//!
//! Counting brackets is not enough: a bracket inside a quoted scalar, a comment, a block
//! scalar or a plain scalar is text, and a `]` counted where the scanner sees text would
//! hide a real level. So this module follows the scanner's own rules (those of libyaml,
//! which `serde_yaml` uses): where tokens start, how plain scalars continue over lines
//! (which depends on the indentation of the enclosing block collections), where quoted and
//! block scalars end. Where the scanner would stop with a syntax error this scan carries on,
//! so it can only see more nesting than the scanner, never less.

/// A position in the text, 0-based, counted in characters as the YAML scanner counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    pub line: usize,
    pub column: usize,
    index: usize,
}

/// The first flow collection nested deeper than `max` levels, if any.
pub(crate) fn deeper_than(source: &str, max: usize) -> Option<Mark> {
    // Most catalogs are ASCII, where a byte is a character: scanning the bytes spares a copy
    // of the text four times its size.
    if source.is_ascii() {
        scan(source.as_bytes(), max)
    } else {
        scan(&source.chars().collect::<Vec<char>>(), max)
    }
}

fn scan<C: Copy + Into<char>>(chars: &[C], max: usize) -> Option<Mark> {
    let mut scanner = Scanner {
        chars,
        at: 0,
        mark: Mark {
            line: 0,
            column: 0,
            index: 0,
        },
        flow_level: 0,
        indent: -1,
        indents: Vec::new(),
        simple_key_allowed: true,
        block_key: None,
    };
    scanner.run(max)
}

/// The longest a simple key (`key: value`) may be, in characters, as the YAML scanner
/// allows.
const SIMPLE_KEY_SPAN: usize = 1024;

struct Scanner<'a, C> {
    /// The text, a character (or an ASCII byte) each.
    chars: &'a [C],
    at: usize,
    mark: Mark,
    flow_level: usize,
    /// The column of the innermost block collection; -1 at the top level.
    indent: isize,
    indents: Vec<isize>,
    simple_key_allowed: bool,
    /// Where a possible simple key of the block context starts. A `:` after it makes it a
    /// mapping key, and the mapping's indentation is its column. Keys inside flow
    /// collections do not change indentation, so they are not tracked.
    block_key: Option<Mark>,
}

fn is_break(c: char) -> bool {
    matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

fn is_blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `[A-Za-z0-9_-]`: the characters of anchors, aliases and tag handles.
fn is_alpha(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// The characters of a tag's URI; `,`, `[` and `]` only in verbatim tags (`!<…>`).
fn is_uri(c: char, verbatim: bool) -> bool {
    is_alpha(c) || ";/?:@&=+$.%!~*'()".contains(c) || (verbatim && matches!(c, ',' | '[' | ']'))
}

impl<C: Copy + Into<char>> Scanner<'_, C> {
    fn peek(&self, offset: usize) -> Option<char> {
        self.chars.get(self.at + offset).copied().map(Into::into)
    }

    fn is(&self, offset: usize, c: char) -> bool {
        self.peek(offset) == Some(c)
    }

    /// A blank, a line break, or the end (or a NUL, which the scanner takes for the end).
    fn blankz(&self, offset: usize) -> bool {
        self.peek(offset)
            .is_none_or(|c| is_blank(c) || is_break(c) || c == '\0')
    }

    fn at_break(&self) -> bool {
        self.peek(0).is_some_and(is_break)
    }

    fn at_end(&self) -> bool {
        self.at >= self.chars.len()
    }

    fn skip(&mut self) {
        self.at += 1;
        self.mark.column += 1;
        self.mark.index += 1;
    }

    /// Skips one line break (`\r\n` is one).
    fn skip_line(&mut self) {
        let width = if self.is(0, '\r') && self.is(1, '\n') {
            2
        } else {
            1
        };
        self.at += width;
        self.mark.index += width;
        self.mark.line += 1;
        self.mark.column = 0;
    }

    fn skip_to_break(&mut self) {
        while !self.at_end() && !self.at_break() {
            self.skip();
        }
    }

    /// `---` or `...` at the start of a line, followed by a blank or the end.
    fn at_document_marker(&self) -> bool {
        let repeated = |c| (0..3).all(|i| self.is(i, c));
        self.mark.column == 0 && (repeated('-') || repeated('.')) && self.blankz(3)
    }

    fn roll_indent(&mut self, column: usize) {
        let column = column as isize;
        if self.flow_level == 0 && self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
        }
    }

    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn save_simple_key(&mut self) {
        if self.simple_key_allowed && self.flow_level == 0 {
            self.block_key = Some(self.mark);
        }
    }

    fn remove_simple_key(&mut self) {
        if self.flow_level == 0 {
            self.block_key = None;
        }
    }

    fn run(&mut self, max: usize) -> Option<Mark> {
        loop {
            self.skip_to_next_token();
            if let Some(key) = self.block_key
                && (key.line < self.mark.line || key.index + SIMPLE_KEY_SPAN < self.mark.index)
            {
                self.block_key = None;
            }
            self.unroll_indent(self.mark.column as isize);
            let c = self.peek(0)?;
            let start = self.at;
            if let Some(deep) = self.token(c, max) {
                return Some(deep);
            }
            // A character the scanner stops at (a NUL, say) starts nothing: step over it.
            if self.at == start {
                self.skip();
            }
        }
    }

    /// Scans the token starting with `c`; `Err` with its position when it opens a flow
    /// collection deeper than `max`.
    fn token(&mut self, c: char, max: usize) -> Option<Mark> {
        if self.mark.column == 0 && c == '%' {
            // A directive takes the rest of its line.
            self.skip_to_break();
            return None;
        }
        if self.at_document_marker() {
            self.unroll_indent(-1);
            self.remove_simple_key();
            self.simple_key_allowed = false;
            (0..3).for_each(|_| self.skip());
            return None;
        }
        match c {
            '[' | '{' => {
                self.save_simple_key();
                self.flow_level += 1;
                if self.flow_level > max {
                    return Some(self.mark);
                }
                self.simple_key_allowed = true;
                self.skip();
            }
            ']' | '}' => {
                self.remove_simple_key();
                self.flow_level = self.flow_level.saturating_sub(1);
                self.simple_key_allowed = false;
                self.skip();
            }
            ',' => {
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.skip();
            }
            '-' if self.blankz(1) => {
                self.roll_indent(self.mark.column);
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.skip();
            }
            '?' if self.flow_level > 0 || self.blankz(1) => {
                self.roll_indent(self.mark.column);
                self.remove_simple_key();
                self.simple_key_allowed = self.flow_level == 0;
                self.skip();
            }
            ':' if self.flow_level > 0 || self.blankz(1) => self.value(),
            '*' | '&' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.skip();
                while self.peek(0).is_some_and(is_alpha) {
                    self.skip();
                }
            }
            '!' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.tag();
            }
            '|' | '>' if self.flow_level == 0 => {
                self.remove_simple_key();
                self.simple_key_allowed = true;
                self.block_scalar();
            }
            '\'' | '"' => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                self.quoted(c);
            }
            // Everything else starts a plain scalar, or is an error the scanner stops at;
            // reading on as a plain scalar can only count more.
            _ => {
                self.save_simple_key();
                self.simple_key_allowed = false;
                if self.plain() {
                    self.simple_key_allowed = true;
                }
            }
        }
        None
    }

    /// Skips spaces, comments and line breaks up to the next token.
    fn skip_to_next_token(&mut self) {
        loop {
            if self.mark.column == 0 && self.is(0, '\u{feff}') {
                self.skip();
            }
            while self.is(0, ' ')
                || ((self.flow_level > 0 || !self.simple_key_allowed) && self.is(0, '\t'))
            {
                self.skip();
            }
            if self.is(0, '#') {
                self.skip_to_break();
            }
            if !self.at_break() {
                // A tab where the scanner allows none is an error; step over it.
                if self.is(0, '\t') {
                    self.skip();
                    continue;
                }
                return;
            }
            self.skip_line();
            if self.flow_level == 0 {
                self.simple_key_allowed = true;
            }
        }
    }

    fn value(&mut self) {
        match self.block_key.take() {
            Some(key) if self.flow_level == 0 => {
                self.roll_indent(key.column);
                self.simple_key_allowed = false;
            }
            key => {
                self.block_key = key;
                if self.flow_level == 0 {
                    self.roll_indent(self.mark.column);
                }
                self.simple_key_allowed = self.flow_level == 0;
            }
        }
        self.skip();
    }

    fn tag(&mut self) {
        self.skip();
        if self.is(0, '<') {
            self.skip();
            while self.peek(0).is_some_and(|c| is_uri(c, true)) {
                self.skip();
            }
            if self.is(0, '>') {
                self.skip();
            }
        } else {
            while self.peek(0).is_some_and(|c| is_uri(c, false)) {
                self.skip();
            }
        }
    }

    /// A single- or double-quoted scalar, which may span lines.
    fn quoted(&mut self, quote: char) {
        self.skip();
        while let Some(c) = self.peek(0) {
            if c == quote {
                if quote == '\'' && self.is(1, '\'') {
                    self.skip();
                    self.skip();
                    continue;
                }
                self.skip();
                return;
            }
            if quote == '"' && c == '\\' {
                self.skip();
                if self.at_break() {
                    self.skip_line();
                } else if !self.at_end() {
                    self.skip();
                }
            } else if is_break(c) {
                self.skip_line();
            } else {
                self.skip();
            }
        }
    }

    /// A plain scalar. Returns whether it ended after a line break, which allows a simple key.
    fn plain(&mut self) -> bool {
        let indent = self.indent + 1;
        let mut leading_blanks = false;
        loop {
            if self.at_document_marker() || self.is(0, '#') {
                break;
            }
            while !self.blankz(0) {
                let c = self.peek(0).unwrap_or(' ');
                if (c == ':' && (self.blankz(1) || self.flow_level > 0 && self.flow_indicator(1)))
                    || (self.flow_level > 0 && matches!(c, ',' | '[' | ']' | '{' | '}'))
                {
                    return leading_blanks;
                }
                self.skip();
            }
            if !self.peek(0).is_some_and(|c| is_blank(c) || is_break(c)) {
                break;
            }
            while let Some(c) = self.peek(0) {
                if is_blank(c) {
                    self.skip();
                } else if is_break(c) {
                    self.skip_line();
                    leading_blanks = true;
                } else {
                    break;
                }
            }
            if self.flow_level == 0 && (self.mark.column as isize) < indent {
                break;
            }
        }
        leading_blanks
    }

    /// `,`, `?`, `[`, `]`, `{` or `}` at `offset`: after a `:` in a flow collection, the
    /// scanner ends the plain scalar there.
    fn flow_indicator(&self, offset: usize) -> bool {
        self.peek(offset)
            .is_some_and(|c| matches!(c, ',' | '?' | '[' | ']' | '{' | '}'))
    }

    /// A literal (`|`) or folded (`>`) block scalar: its header, then every line indented at
    /// least as deeply as its content.
    fn block_scalar(&mut self) {
        self.skip();
        let mut increment = 0;
        for _ in 0..2 {
            match self.peek(0) {
                Some('+' | '-') => self.skip(),
                Some(digit @ '1'..='9') => {
                    increment = digit as isize - '0' as isize;
                    self.skip();
                }
                _ => break,
            }
        }
        self.skip_to_break();
        if self.at_end() {
            return;
        }
        self.skip_line();
        let mut indent = if increment == 0 {
            0
        } else if self.indent >= 0 {
            self.indent + increment
        } else {
            increment
        };
        self.block_breaks(&mut indent);
        while self.mark.column as isize == indent && !self.at_end() {
            self.skip_to_break();
            if self.at_end() {
                return;
            }
            self.skip_line();
            self.block_breaks(&mut indent);
        }
    }

    /// Skips empty lines and indentation of a block scalar; settles its indentation when
    /// the header did not give it.
    fn block_breaks(&mut self, indent: &mut isize) {
        let mut max_indent = 0;
        loop {
            while (*indent == 0 || (self.mark.column as isize) < *indent) && self.is(0, ' ') {
                self.skip();
            }
            max_indent = max_indent.max(self.mark.column as isize);
            if !self.at_break() {
                break;
            }
            self.skip_line();
        }
        if *indent == 0 {
            *indent = max_indent.max(self.indent + 1).max(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_at(source: &str) -> Option<(usize, usize)> {
        deeper_than(source, 3).map(|mark| (mark.line + 1, mark.column + 1))
    }

    #[test]
    fn counts_flow_collections_wherever_they_start() {
        assert_eq!(depth_at("a: [[[x]]]\nb: [[[y]]]\n"), None);
        assert_eq!(depth_at("a: [[[[x]]]]\n"), Some((1, 7)));
        assert_eq!(depth_at("- {a: [{b: [\n  c]}]}\n"), Some((1, 12)));
        assert_eq!(depth_at("? [[[\n  [x]]]]\n: v\n"), Some((2, 3)));
        assert_eq!(depth_at("&a [!t [*b [{c: d}]]]\n"), Some((1, 13)));
        assert_eq!(depth_at("[a, [b, [c, [d]]]]"), Some((1, 13)));
        assert_eq!(depth_at("{\"a\":[[[\"b\"]]]}"), Some((1, 8)));
    }

    #[test]
    fn brackets_in_text_are_not_nesting() {
        assert_eq!(depth_at("m: see [[[[docs\nn: 'it''s [[[[ ]'\n"), None);
        assert_eq!(depth_at("m: \"a \\\" [[[[\" \n"), None);
        assert_eq!(depth_at("m: x # [[[[\n# [[[[\n"), None);
        assert_eq!(depth_at("m: |\n  [[[[\n   [[[[\n\n  [[[[\nn: x\n"), None);
        assert_eq!(depth_at("m: >-\n  {{{{\n"), None);
        assert_eq!(depth_at("m: plain\n  continued [[[[\n"), None);
        assert_eq!(depth_at("m: !<tag:[[[[> x\n"), None);
        assert_eq!(depth_at("[a:b, c#d, e-f]\n"), None);
        // Characters the scanner stops at are stepped over, not looped on.
        assert_eq!(depth_at("a: \0 \u{feff}\t@`"), None);
    }

    #[test]
    fn closers_in_text_do_not_hide_levels() {
        // Each `]` below is inside a quoted scalar or a comment: the nesting still grows.
        assert_eq!(
            depth_at("a: [ ']', [ \"]\", [ ']', [ x ]]]]\n"),
            Some((1, 25))
        );
        assert_eq!(
            depth_at("a: [ # ]\n [ # ]\n [ # ]\n [ x ]]]]\n"),
            Some((4, 2))
        );
        assert_eq!(
            depth_at("a: [ '\n]', [ '\n]', [ '\n]', [ ]]]]\n"),
            Some((4, 5))
        );
        assert_eq!(depth_at("a: [ !t!x ], [ [ [ [ ]]]]\n"), Some((1, 20)));
    }

    #[test]
    fn block_scalars_and_plain_scalars_end_where_the_scanner_ends_them() {
        // Content is indented deeper than the key; the next key ends it.
        assert_eq!(
            depth_at("- k: |\n    text\n  other: [[[[x]]]]\n"),
            Some((3, 13))
        );
        // An explicit indentation indicator: two-space lines are not content.
        assert_eq!(depth_at("k: |4\n  [[[[x]]]]\n"), Some((2, 6)));
        // The continuation of a plain scalar must be indented deeper than its mapping.
        assert_eq!(depth_at("a: b\n\"\nc: [[[[x]]]]\n"), None);
        // A quoted scalar over three lines, then an entry whose `]`s are all quoted.
        assert_eq!(
            depth_at("- a\n- \"q\nk:\n\"\n- [ \"]\", [ \"]\", [ \"]\", [ x ]]]]\n"),
            Some((5, 24))
        );
        assert_eq!(depth_at("k:\n  a b\n  [[[[c\nd: [[[[x]]]]"), Some((4, 7)));
        assert_eq!(
            depth_at("a: b [c, 'd\ne: [ 'x]', [ 'x]', [ 'x]', [ y ]]]]\n"),
            Some((2, 28))
        );
    }
}
