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
// the method can be repeated safely; a POST is retried only where the server
// cannot have acted on it (a 429, or a connection that could not be dialled).
// Every request is bound to its context, and each attempt has its own timeout.
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
