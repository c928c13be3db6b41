//! Reading JSON into serde's derived types, with records read as objects
//! only. Pishro always writes a record (a struct, a struct variant) as a
//! JSON object; serde's derived reader also accepts it as an array, and
//! `serde_json` compiles that second reader for every record type the app
//! reads. Wrapped in [`ObjectsOnly`], `serde_json` is asked for objects
//! only, so the array readers are never compiled into the browser's code.
//! The text read is the same JSON (`wire_format.rs` and the protocol's
//! golden tests read through here too); an array where a record belongs is
//! now an error, which no version of Pishro ever wrote.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};
use std::fmt;

/// Reads one value from JSON bytes, records as objects only.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, serde_json::Error> {
    let mut reader = serde_json::Deserializer::from_slice(bytes);
    let value = T::deserialize(ObjectsOnly(&mut reader))?;
    reader.end()?;
    Ok(value)
}

/// A deserializer that reads records through `deserialize_map` and passes
/// itself on to every value inside.
pub struct ObjectsOnly<D>(pub D);

/// A visitor whose nested values are read through [`ObjectsOnly`] too.
struct Nested<V>(V);

macro_rules! forward_to_inner {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
                self.0.$method(Nested(visitor))
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for ObjectsOnly<D> {
    type Error = D::Error;

    forward_to_inner! {
        deserialize_any deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32
        deserialize_i64 deserialize_i128 deserialize_u8 deserialize_u16 deserialize_u32
        deserialize_u64 deserialize_u128 deserialize_f32 deserialize_f64 deserialize_char
        deserialize_str deserialize_string deserialize_bytes deserialize_byte_buf
        deserialize_option deserialize_unit deserialize_seq deserialize_map
        deserialize_identifier deserialize_ignored_any
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_unit_struct(name, Nested(visitor))
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_newtype_struct(name, Nested(visitor))
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        length: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_tuple(length, Nested(visitor))
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        length: usize,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0
            .deserialize_tuple_struct(name, length, Nested(visitor))
    }

    /// The one change: a record is read as an object, never as an array.
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_map(Nested(visitor))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.deserialize_enum(name, variants, Nested(visitor))
    }

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }
}

macro_rules! forward_values {
    ($($method:ident: $type:ty,)*) => {
        $(
            fn $method<E: de::Error>(self, value: $type) -> Result<Self::Value, E> {
                self.0.$method(value)
            }
        )*
    };
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Nested<V> {
    type Value = V::Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(formatter)
    }

    forward_values! {
        visit_bool: bool, visit_i8: i8, visit_i16: i16, visit_i32: i32, visit_i64: i64,
        visit_i128: i128, visit_u8: u8, visit_u16: u16, visit_u32: u32, visit_u64: u64,
        visit_u128: u128, visit_f32: f32, visit_f64: f64, visit_char: char,
        visit_str: &str, visit_borrowed_str: &'de str, visit_string: String,
        visit_bytes: &[u8], visit_borrowed_bytes: &'de [u8], visit_byte_buf: Vec<u8>,
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.0.visit_some(ObjectsOnly(deserializer))
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        self.0.visit_newtype_struct(ObjectsOnly(deserializer))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, sequence: A) -> Result<Self::Value, A::Error> {
        self.0.visit_seq(Nested(sequence))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.visit_map(Nested(map))
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        self.0.visit_enum(Nested(data))
    }
}

/// A seed whose value is read through [`ObjectsOnly`].
struct NestedSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for NestedSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(ObjectsOnly(deserializer))
    }
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(NestedSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(NestedSeed(seed))
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(NestedSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: EnumAccess<'de>> EnumAccess<'de> for Nested<A> {
    type Error = A::Error;
    type Variant = Nested<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Self::Variant), A::Error> {
        let (value, variant) = self.0.variant_seed(NestedSeed(seed))?;
        Ok((value, Nested(variant)))
    }
}

/// A struct variant's fields, read as an object: through the newtype
/// reader, which hands the value's own deserializer to [`ObjectFields`].
struct ObjectFields<V>(V);

impl<'de, V: Visitor<'de>> DeserializeSeed<'de> for ObjectFields<V> {
    type Value = V::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        deserializer.deserialize_map(Nested(self.0))
    }
}

impl<'de, A: VariantAccess<'de>> VariantAccess<'de> for Nested<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(NestedSeed(seed))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        length: usize,
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(length, Nested(visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        self.0.newtype_variant_seed(ObjectFields(visitor))
    }
}

/// The server functions' answers: JSON written by `serde_json`, read
/// through [`from_slice`] (`output = ObjectsJson` on every `#[server]`), so
/// a type the device reads both from an answer and from its own storage
/// has one reader, not two.
pub type ObjectsJson = leptos::server_fn::codec::Post<ObjectsJsonEncoding>;

/// The encoding behind [`ObjectsJson`]: `application/json`, as `Json`.
pub struct ObjectsJsonEncoding;

impl leptos::server_fn::ContentType for ObjectsJsonEncoding {
    const CONTENT_TYPE: &'static str = "application/json";
}

impl leptos::server_fn::FormatType for ObjectsJsonEncoding {
    const FORMAT_TYPE: leptos::server_fn::Format = leptos::server_fn::Format::Text;
}

impl<T: serde::Serialize> leptos::server_fn::Encodes<T> for ObjectsJsonEncoding {
    type Error = serde_json::Error;

    fn encode(output: &T) -> Result<leptos::server_fn::Bytes, Self::Error> {
        serde_json::to_vec(output).map(leptos::server_fn::Bytes::from)
    }
}

impl<T: DeserializeOwned> leptos::server_fn::Decodes<T> for ObjectsJsonEncoding {
    type Error = serde_json::Error;

    fn decode(bytes: leptos::server_fn::Bytes) -> Result<T, Self::Error> {
        from_slice(&bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::from_slice;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        name: String,
        count: Option<u32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    enum Shape {
        Empty,
        Named(String),
        Record { inner: Inner },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        inners: Vec<Inner>,
        pair: (u8, String),
        shapes: Vec<Shape>,
        maybe: Option<Inner>,
        #[serde(default)]
        missing: bool,
    }

    #[test]
    fn records_nested_in_lists_options_and_variants_read_as_objects() {
        let text = br#"{"inners":[{"name":"a","count":1},{"name":"b","count":null}],
            "pair":[7,"seven"],
            "shapes":["Empty",{"Named":"n"},{"Record":{"inner":{"name":"c","count":3}}}],
            "maybe":{"name":"d","count":4},"unknown":[1,{"x":2}]}"#;
        let read: Outer = from_slice(text).expect("a whole reading");
        assert_eq!(
            read,
            Outer {
                inners: vec![
                    Inner {
                        name: "a".into(),
                        count: Some(1)
                    },
                    Inner {
                        name: "b".into(),
                        count: None
                    },
                ],
                pair: (7, "seven".into()),
                shapes: vec![
                    Shape::Empty,
                    Shape::Named("n".into()),
                    Shape::Record {
                        inner: Inner {
                            name: "c".into(),
                            count: Some(3)
                        }
                    },
                ],
                maybe: Some(Inner {
                    name: "d".into(),
                    count: Some(4)
                }),
                missing: false,
            }
        );
    }

    #[test]
    fn a_record_written_as_an_array_is_refused_at_any_depth() {
        assert!(
            serde_json::from_slice::<Inner>(br#"["a",1]"#).is_ok(),
            "serde alone reads it"
        );
        assert!(from_slice::<Inner>(br#"["a",1]"#).is_err());
        assert!(
            from_slice::<Outer>(br#"{"inners":[["a",1]],"pair":[1,"x"],"shapes":[],"maybe":null}"#)
                .is_err()
        );
        assert!(from_slice::<Shape>(br#"{"Record":[{"name":"c","count":3}]}"#).is_err());
        assert!(from_slice::<Shape>(br#"{"Record":{"inner":["c",3]}}"#).is_err());
    }

    #[test]
    fn text_after_the_value_is_an_error_as_with_serde_json() {
        assert!(from_slice::<Inner>(br#"{"name":"a","count":1} x"#).is_err());
        assert!(from_slice::<Inner>(br#"{"name":"a","count":1}  "#).is_ok());
    }
}
