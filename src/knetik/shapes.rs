//! The shapes of Knetik's success bodies (see [`crate::core::shape`]), field for field as
//! [`super::models`] and the spec write them.

use crate::core::shape::{Field, Shape, INT64};

const I64: Shape = Shape::Int {
    unsigned: false,
    big: false,
};

/// `OauthAccessTokenResource` (GET /auth/tokens/{username}/{client_id}, and each page item).
pub const TOKEN: Shape = Shape::Object(&[
    Field::optional("client_id", Shape::Str),
    Field::optional("token", Shape::Str),
    Field::optional("username", Shape::Str),
]);

const ORDER: Shape = Shape::Object(&[
    Field::optional("ascending", Shape::Bool),
    Field::optional("descending", Shape::Bool),
    Field::optional("direction", Shape::Str),
    Field::optional("ignore_case", Shape::Bool),
    Field::optional("null_handling", Shape::Str),
    Field::optional("property", Shape::Str),
]);

/// `PageResource«OauthAccessTokenResource»` (GET /auth/tokens); `content` is `[]` when absent.
pub const PAGE: Shape = Shape::Object(&[
    Field::default_empty("content", Shape::Array(&TOKEN)),
    Field::optional("first", Shape::Bool),
    Field::optional("last", Shape::Bool),
    Field::optional("number", I64),
    Field::optional("number_of_elements", I64),
    Field::optional("size", I64),
    Field::optional("sort", Shape::Array(&ORDER)),
    Field::optional("total_elements", INT64),
    Field::optional("total_pages", I64),
]);
