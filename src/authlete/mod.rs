//! Authlete token operations (API v2 `/api/auth/token/...` and v3 `/api/{serviceId}/auth/token/...`).
