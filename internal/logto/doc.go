// Package logto is a client for the Logto Management API, written for the
// Terraform provider.
//
// A [Client] authenticates with the OAuth 2.0 client credentials grant at
// <endpoint>/oidc/token (resource indicator and scope "all"), caches one
// access token, refreshes it shortly before it expires and once after a 401,
// and shares one refresh between concurrent callers.
//
// Requests are retried with exponential backoff and full jitter on 429 (the
// Retry-After header is honoured), 502, 503, 504 and dropped connections when
// the endpoint can be repeated safely (reads, PUTs, DELETEs, PATCHes that set
// fields, the token request). Each endpoint says which it is (do or doOnce),
// not its HTTP method. Creates and renames are sent again by the transport
// only where the server cannot have acted on them (a 429, a 401, a connection
// that could not be dialled); when their answer is lost (a dropped connection
// or timeout after sending, 502/503/504), create looks for what the request
// may have made — by the unique name Logto enforces, or by exact name and
// type among objects created since the request was sent — adopts it when
// exactly one matches, and only then sends again. Every request is bound to
// its context, and each attempt has its own timeout.
//
// Listings are deduplicated by id: offset paging shifts under concurrent
// writes.
//
// Failed calls return an [*Error] carrying the HTTP status and Logto's error
// code, message and details; [IsNotFound] tells a missing object apart.
// List endpoints are read page by page until every item has been fetched.
//
// Each attempt is logged at DEBUG level with tflog (method, path, status,
// attempt, duration). Request and response bodies, headers, access tokens and
// the client secret are never logged, because application secrets travel in
// response bodies.
package logto
