//! A tiny JSON writer: the widgets only need numbers, strings, lists and objects,
//! and a serde dependency would triple the size of the wasm file.

use std::fmt::Write;

/// One JSON object, written field by field.
#[derive(Default)]
pub struct Object {
    text: String,
}

impl Object {
    pub fn new() -> Self {
        Object::default()
    }

    fn key(&mut self, key: &str) {
        self.text.push(if self.text.is_empty() { '{' } else { ',' });
        string_into(&mut self.text, key);
        self.text.push(':');
    }

    /// A field whose value is already JSON.
    pub fn raw(mut self, key: &str, json: &str) -> Self {
        self.key(key);
        self.text.push_str(json);
        self
    }

    pub fn number(self, key: &str, value: f64) -> Self {
        self.raw(key, &number(value))
    }

    pub fn int(self, key: &str, value: i64) -> Self {
        self.raw(key, &value.to_string())
    }

    pub fn bool(self, key: &str, value: bool) -> Self {
        self.raw(key, if value { "true" } else { "false" })
    }

    pub fn string(self, key: &str, value: &str) -> Self {
        let mut quoted = String::new();
        string_into(&mut quoted, value);
        self.raw(key, &quoted)
    }

    pub fn numbers(self, key: &str, values: impl IntoIterator<Item = f64>) -> Self {
        self.raw(key, &list(values.into_iter().map(number)))
    }

    pub fn finish(mut self) -> String {
        if self.text.is_empty() {
            self.text.push('{');
        }
        self.text.push('}');
        self.text
    }
}

/// A finite number in Rust's shortest round-trip form; JSON has no NaN or
/// infinity, so those become `null`.
pub fn number(value: f64) -> String {
    if value.is_finite() {
        format!("{value}")
    } else {
        "null".to_owned()
    }
}

/// `[a,b,c]` from items that are already JSON.
pub fn list(items: impl IntoIterator<Item = String>) -> String {
    let mut out = String::from("[");
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item);
    }
    out.push(']');
    out
}

fn string_into(out: &mut String, value: &str) {
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn objects_lists_and_escapes() {
        let text = Object::new()
            .int("n", -3)
            .number("x", 0.5)
            .number("bad", f64::NAN)
            .bool("ok", true)
            .string("s", "a \"b\"\n")
            .numbers("v", [1.0, 2.5])
            .finish();
        assert_eq!(
            text,
            r#"{"n":-3,"x":0.5,"bad":null,"ok":true,"s":"a \"b\"\u000a","v":[1,2.5]}"#
        );
        assert_eq!(Object::new().finish(), "{}");
    }
}
