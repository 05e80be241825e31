//! Knetik Cloud auth tokens (`/auth/tokens`) with OAuth2 from `/oauth/token`.
