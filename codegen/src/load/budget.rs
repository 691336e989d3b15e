//! The walk that counts a YAML document against its bounds as it is read: nodes and text
//! with aliases expanded, depth, and the longest string. [`walk`] only counts; [`deserialize`]
//! counts while a typed read goes on, in the same parse. Which bounds apply, and what a user
//! is told when one is passed, is [`limits`](super::limits)'s business.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

/// The bounds a walk keeps to.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Bounds {
    /// The deepest nesting of mappings and sequences.
    pub(crate) depth: usize,
    /// The most nodes, aliases expanded.
    pub(crate) nodes: usize,
    /// The most text, aliases expanded, in bytes.
    pub(crate) text_bytes: usize,
    /// The longest string, in bytes.
    pub(crate) string_bytes: usize,
}

/// Walks the document of `source` once, expanding aliases: the bound it stopped at, if any,
/// with the parser's error.
pub(crate) fn walk(
    source: &str,
    bounds: Bounds,
) -> Result<(), (Option<Exceeded>, serde_yaml::Error)> {
    let mut budget = Budget::new(bounds);
    let walk = Shape {
        budget: &mut budget,
        depth: 0,
    };
    walk.deserialize(serde_yaml::Deserializer::from_str(source))
        .map_err(|error| (budget.exceeded, error))
}

/// Deserializes a `T` from `source`, counting its nodes, text and depth as [`walk`] does: one
/// parse, where the walk and a typed read are two. On failure, the bound it stopped at (if
/// that is why) with the error.
pub(crate) fn deserialize<T: de::DeserializeOwned>(
    source: &str,
    bounds: Bounds,
) -> Result<T, (Option<Exceeded>, serde_yaml::Error)> {
    let budget = RefCell::new(Budget::new(bounds));
    let counted = Counted {
        inner: serde_yaml::Deserializer::from_str(source),
        budget: &budget,
        depth: 0,
    };
    T::deserialize(counted).map_err(|error| (budget.borrow().exceeded, error))
}

/// `1 MiB`, `64 KiB`, `1000 bytes`.
pub(crate) fn size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    if bytes >= MIB && bytes % MIB == 0 {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes % KIB == 0 {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

/// Which limit the walk stopped at, and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exceeded {
    Depth(usize),
    Nodes(usize),
    Text(usize),
    String { bytes: usize, max: usize },
}

impl Exceeded {
    pub(crate) fn hint(self) -> &'static str {
        match self {
            Exceeded::Depth(_) => {
                "a catalog is at most 7 levels deep; look for unclosed `[` or `{`, or a value nested by mistake"
            }
            Exceeded::Nodes(_) | Exceeded::Text(_) => {
                "each alias (`*name`) repeats its anchored node; use fewer or smaller aliases, split the catalog, or raise the limit (see README.md, \"Limits\")"
            }
            Exceeded::String { .. } => {
                "keep messages to one line and descriptions to a few paragraphs; link to longer documentation"
            }
        }
    }
}

impl fmt::Display for Exceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Exceeded::Depth(max) => write!(f, "the catalog nests deeper than {max} levels here"),
            Exceeded::Nodes(max) => write!(
                f,
                "the catalog holds more than {max} YAML nodes once aliases are expanded"
            ),
            Exceeded::Text(max) => write!(
                f,
                "the catalog holds more than {} of text once aliases are expanded",
                size(max)
            ),
            Exceeded::String { bytes, max } => write!(
                f,
                "this string is {bytes} bytes long, more than the {} allowed",
                size(max)
            ),
        }
    }
}

/// What the walk has seen so far, the limits it walks within, and the one it stopped at.
struct Budget {
    bounds: Bounds,
    nodes: usize,
    text: usize,
    exceeded: Option<Exceeded>,
}

impl Budget {
    fn new(bounds: Bounds) -> Self {
        Budget {
            bounds,
            nodes: 0,
            text: 0,
            exceeded: None,
        }
    }

    /// Counts one node holding `text` bytes; an error once a limit is passed.
    fn spend<E: de::Error>(&mut self, text: usize) -> Result<(), E> {
        let limits = &self.bounds;
        self.nodes += 1;
        self.text = self.text.saturating_add(text);
        self.exceeded = if text > limits.string_bytes {
            Some(Exceeded::String {
                bytes: text,
                max: limits.string_bytes,
            })
        } else if self.nodes > limits.nodes {
            Some(Exceeded::Nodes(limits.nodes))
        } else if self.text > limits.text_bytes {
            Some(Exceeded::Text(limits.text_bytes))
        } else {
            return Ok(());
        };
        Err(E::custom("catalog limit exceeded"))
    }
}

/// Walks one node and everything below it, expanding aliases.
struct Shape<'b> {
    budget: &'b mut Budget,
    depth: usize,
}

impl Shape<'_> {
    fn child(&mut self) -> Shape<'_> {
        Shape {
            budget: self.budget,
            depth: self.depth + 1,
        }
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        self.budget.spend(0)?;
        let max = self.budget.bounds.depth;
        if self.depth >= max {
            self.budget.exceeded = Some(Exceeded::Depth(max));
            return Err(E::custom("catalog limit exceeded"));
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for Shape<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Shape<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        self.enter()?;
        while map.next_key_seed(self.child())?.is_some() {
            map.next_value_seed(self.child())?;
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        self.enter()?;
        while seq.next_element_seed(self.child())?.is_some() {}
        Ok(())
    }

    fn visit_enum<A: de::EnumAccess<'de>>(mut self, data: A) -> Result<(), A::Error> {
        // A tagged node (`!tag value`): the tag, then the value under it.
        let (de::IgnoredAny, variant) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self.child())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.budget.spend(text.len())
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.budget.spend(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.budget.spend(0)
    }
}

/// A deserializer that spends from a [`Budget`] for every node read through it, as [`Shape`]
/// does, and hands each node on to the visitor of the typed read.
struct Counted<'b, D> {
    inner: D,
    budget: &'b RefCell<Budget>,
    depth: usize,
}

impl<'b, D> Counted<'b, D> {
    fn visitor<V>(&self, inner: V) -> CountedVisitor<'b, V> {
        CountedVisitor {
            inner,
            budget: self.budget,
            depth: self.depth,
        }
    }
}

macro_rules! forward {
    ($($method:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'de>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, D::Error> {
            let visitor = self.visitor(visitor);
            self.inner.$method($($arg,)* visitor)
        }
    )*};
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Counted<'_, D> {
    type Error = D::Error;

    forward! {
        deserialize_any();
        deserialize_bool();
        deserialize_i8();
        deserialize_i16();
        deserialize_i32();
        deserialize_i64();
        deserialize_i128();
        deserialize_u8();
        deserialize_u16();
        deserialize_u32();
        deserialize_u64();
        deserialize_u128();
        deserialize_f32();
        deserialize_f64();
        deserialize_char();
        deserialize_str();
        deserialize_string();
        deserialize_bytes();
        deserialize_byte_buf();
        deserialize_option();
        deserialize_unit();
        deserialize_unit_struct(name: &'static str);
        deserialize_newtype_struct(name: &'static str);
        deserialize_seq();
        deserialize_tuple(len: usize);
        deserialize_tuple_struct(name: &'static str, len: usize);
        deserialize_map();
        deserialize_struct(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier();
    }

    /// What the typed read skips is walked all the same: a skipped alias expands as far.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        let visitor = self.visitor(visitor);
        self.inner.deserialize_any(visitor)
    }

    fn is_human_readable(&self) -> bool {
        self.inner.is_human_readable()
    }
}

/// The visitor of a [`Counted`] node: spends, then visits as the typed read's visitor does.
struct CountedVisitor<'b, V> {
    inner: V,
    budget: &'b RefCell<Budget>,
    depth: usize,
}

impl<'b, V> CountedVisitor<'b, V> {
    fn spend<E: de::Error>(&self, text: usize) -> Result<(), E> {
        self.budget.borrow_mut().spend(text)
    }

    /// A mapping or sequence: one node, one level deeper.
    fn enter<E: de::Error>(&self) -> Result<(), E> {
        let mut budget = self.budget.borrow_mut();
        budget.spend(0)?;
        let max = budget.bounds.depth;
        if self.depth >= max {
            budget.exceeded = Some(Exceeded::Depth(max));
            return Err(E::custom("catalog limit exceeded"));
        }
        Ok(())
    }

    fn child<T>(&self, inner: T) -> Child<'b, T> {
        Child {
            inner,
            budget: self.budget,
            depth: self.depth + 1,
        }
    }

    fn same<D>(&self, inner: D) -> Counted<'b, D> {
        Counted {
            inner,
            budget: self.budget,
            depth: self.depth,
        }
    }
}

macro_rules! scalar {
    ($($method:ident($ty:ty) => $len:expr;)*) => {$(
        fn $method<E: de::Error>(self, value: $ty) -> Result<V::Value, E> {
            #[allow(clippy::redundant_closure_call)]
            self.spend(($len)(&value))?;
            self.inner.$method(value)
        }
    )*};
}

impl<'de, V: Visitor<'de>> Visitor<'de> for CountedVisitor<'_, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.expecting(f)
    }

    scalar! {
        visit_bool(bool) => |_: &bool| 0;
        visit_i8(i8) => |_: &i8| 0;
        visit_i16(i16) => |_: &i16| 0;
        visit_i32(i32) => |_: &i32| 0;
        visit_i64(i64) => |_: &i64| 0;
        visit_i128(i128) => |_: &i128| 0;
        visit_u8(u8) => |_: &u8| 0;
        visit_u16(u16) => |_: &u16| 0;
        visit_u32(u32) => |_: &u32| 0;
        visit_u64(u64) => |_: &u64| 0;
        visit_u128(u128) => |_: &u128| 0;
        visit_f32(f32) => |_: &f32| 0;
        visit_f64(f64) => |_: &f64| 0;
        visit_char(char) => |c: &char| c.len_utf8();
        visit_str(&str) => |s: &&str| s.len();
        visit_borrowed_str(&'de str) => |s: &&str| s.len();
        visit_string(String) => |s: &String| s.len();
        visit_bytes(&[u8]) => |b: &&[u8]| b.len();
        visit_borrowed_bytes(&'de [u8]) => |b: &&[u8]| b.len();
        visit_byte_buf(Vec<u8>) => |b: &Vec<u8>| b.len();
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.spend(0)?;
        self.inner.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.spend(0)?;
        self.inner.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        let deserializer = self.same(deserializer);
        self.inner.visit_some(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<V::Value, D::Error> {
        let deserializer = self.same(deserializer);
        self.inner.visit_newtype_struct(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.enter()?;
        let seq = self.child(seq);
        self.inner.visit_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.enter()?;
        let map = self.child(map);
        self.inner.visit_map(map)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        // A tagged node (`!tag value`): the value under the tag is one level deeper.
        let data = self.child(data);
        self.inner.visit_enum(data)
    }
}

/// The access to the children of a [`Counted`] node (a mapping's entries, a sequence's
/// elements, a tagged node's value), or a seed for one child, one level deeper.
struct Child<'b, T> {
    inner: T,
    budget: &'b RefCell<Budget>,
    depth: usize,
}

impl<'b, T> Child<'b, T> {
    fn seed<S>(&self, inner: S) -> Child<'b, S> {
        Child {
            inner,
            budget: self.budget,
            depth: self.depth,
        }
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Child<'_, S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.inner.deserialize(Counted {
            inner: deserializer,
            budget: self.budget,
            depth: self.depth,
        })
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Child<'_, A> {
    type Error = A::Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_element_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Child<'_, A> {
    type Error = A::Error;

    fn next_key_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_key_seed(seed)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.next_value_seed(seed)
    }

    fn size_hint(&self) -> Option<usize> {
        self.inner.size_hint()
    }
}

impl<'de, 'b, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Child<'b, A> {
    type Error = A::Error;
    type Variant = Child<'b, A::Variant>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), A::Error> {
        // The tag itself is not a node; what is under it is.
        let (budget, depth) = (self.budget, self.depth);
        let (value, variant) = self.inner.variant_seed(seed)?;
        Ok((
            value,
            Child {
                inner: variant,
                budget,
                depth,
            },
        ))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Child<'_, A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.inner.unit_variant()
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, A::Error> {
        let seed = self.seed(seed);
        self.inner.newtype_variant_seed(seed)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, A::Error> {
        let visitor = CountedVisitor {
            inner: visitor,
            budget: self.budget,
            depth: self.depth,
        };
        self.inner.tuple_variant(len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        let visitor = CountedVisitor {
            inner: visitor,
            budget: self.budget,
            depth: self.depth,
        };
        self.inner.struct_variant(fields, visitor)
    }
}
