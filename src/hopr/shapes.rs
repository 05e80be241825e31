//! The shapes of HOPR's success bodies (see [`crate::core::shape`]), field for field as
//! [`super::models`] and the spec write them.

use crate::core::shape::{Field, Shape};

const U64: Shape = Shape::Int {
    unsigned: true,
    big: false,
};
const I64: Shape = Shape::Int {
    unsigned: false,
    big: false,
};

const CONDITIONS: Shape = Shape::Object(&[Field::optional("max", U64)]);

const LIMIT: Shape = Shape::Object(&[
    Field::required("type", Shape::Str),
    Field::optional("conditions", CONDITIONS),
    Field::optional("used", U64),
]);

const CAPABILITY: Shape = Shape::Object(&[
    Field::required("endpoint", Shape::Str),
    Field::optional("limits", Shape::Array(&LIMIT)),
]);

/// `Token` (GET /token).
pub const TOKEN: Shape = Shape::Object(&[
    Field::required("id", Shape::Str),
    Field::optional("description", Shape::Str),
    Field::optional("valid_until", I64),
    Field::required("capabilities", Shape::Array(&CAPABILITY)),
]);

/// `tokensCreate_201_response` (POST /tokens).
pub const CREATED_TOKEN: Shape = Shape::Object(&[Field::required("token", Shape::Str)]);
