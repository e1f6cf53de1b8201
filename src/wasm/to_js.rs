//! The core's records as plain JavaScript values, through serde: what
//! `analyze()` returns and what the panel's JSON exports stringify.
//!
//! It gives what serde-wasm-bindgen's `json_compatible()` serialiser gave
//! for our records: a struct is a plain object with its fields in order, a
//! sequence or tuple an array, `None` `null`, a unit variant its name as a
//! string, a number a JS number. It is only that, and so 3.8 KB gzipped
//! smaller: serde-wasm-bindgen caches every field name's JS string in a hash
//! map of its own (a second copy of hashbrown in the WebAssembly) and carries
//! maps, bytes and enum variants with data, which no record of ours has; here
//! those are an error.
//!
//! A `Quote`'s record `{ start: 1, end: 6, text: "Yes", speaker: "Blinken",
//! …, kind: "partial", confidence: 0.95, why: { rule: "after", … } }` is one
//! object built field by field, each name and string handed to JavaScript as
//! it stands.

use serde::ser::{self, Impossible, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A plain object, written as `object[key] = value`.
    type Fields;
    #[wasm_bindgen(method, indexing_setter)]
    fn set(this: &Fields, key: &str, value: JsValue);
}

/// `value` as a JavaScript value (see the module docs); `null` if it holds
/// something no record of ours holds.
pub(super) fn to_js(value: &impl Serialize) -> JsValue {
    value.serialize(ToJs).unwrap_or(JsValue::NULL)
}

/// Sets `key` of the plain object `object` to `value`.
pub(super) fn set_field(object: &JsValue, key: &str, value: JsValue) {
    object.unchecked_ref::<Fields>().set(key, value);
}

/// The serialiser: each value becomes one JavaScript value.
#[derive(Clone, Copy)]
struct ToJs;

/// A map, bytes or an enum variant with data: no record of ours has one.
#[derive(Debug)]
pub(super) struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("no JavaScript form for this value")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    // The message would cost formatting code; nothing reads it.
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Out = Result<JsValue, Unsupported>;

/// Every number type as a JS number.
macro_rules! numbers {
    ($($name:ident($ty:ty)),*) => {
        $(fn $name(self, v: $ty) -> Out {
            Ok(JsValue::from_f64(v as f64))
        })*
    };
}

/// A sequence, tuple or tuple struct: an array.
struct Elements(js_sys::Array);

/// A struct: a plain object, its fields in order.
struct Struct(JsValue);

impl ser::Serializer for ToJs {
    type Ok = JsValue;
    type Error = Unsupported;
    type SerializeSeq = Elements;
    type SerializeTuple = Elements;
    type SerializeTupleStruct = Elements;
    type SerializeTupleVariant = Impossible<JsValue, Unsupported>;
    type SerializeMap = Impossible<JsValue, Unsupported>;
    type SerializeStruct = Struct;
    type SerializeStructVariant = Impossible<JsValue, Unsupported>;

    fn serialize_bool(self, v: bool) -> Out {
        Ok(JsValue::from_bool(v))
    }
    // Offsets and counts: far below 2^53, so exact as JS numbers.
    numbers! {
        serialize_i8(i8), serialize_i16(i16), serialize_i32(i32), serialize_i64(i64),
        serialize_u8(u8), serialize_u16(u16), serialize_u32(u32), serialize_u64(u64),
        serialize_f32(f32), serialize_f64(f64)
    }
    fn serialize_char(self, v: char) -> Out {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Out {
        Ok(JsValue::from_str(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Out {
        Err(Unsupported)
    }
    fn serialize_none(self) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Out {
        Ok(JsValue::NULL)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Out {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Out {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Out {
        Err(Unsupported)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Elements, Unsupported> {
        Ok(Elements(js_sys::Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Elements, Unsupported> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Elements, Unsupported> {
        self.serialize_seq(None)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unsupported> {
        Err(Unsupported)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Struct, Unsupported> {
        Ok(Struct(js_sys::Object::new().into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

impl ser::SerializeSeq for Elements {
    type Ok = JsValue;
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        self.0.push(&value.serialize(ToJs)?);
        Ok(())
    }
    fn end(self) -> Out {
        Ok(self.0.into())
    }
}

impl ser::SerializeTuple for Elements {
    type Ok = JsValue;
    type Error = Unsupported;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Out {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for Elements {
    type Ok = JsValue;
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Out {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeStruct for Struct {
    type Ok = JsValue;
    type Error = Unsupported;
    fn serialize_field<T: ?Sized + Serialize>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Unsupported> {
        set_field(&self.0, key, value.serialize(ToJs)?);
        Ok(())
    }
    fn end(self) -> Out {
        Ok(self.0)
    }
}
