package emulator

import (
	"net/http"
	"net/url"
	"strings"
)

// access says what a route requires before its handler runs.
type access int

const (
	// public routes need no credentials (status, discovery, token endpoint).
	public access = iota
	// managementAPI routes need a bearer token with scope "all" for the Management API.
	managementAPI
)

// route is one registered "METHOD pattern" with its handler.
type route struct {
	method   string
	pattern  string   // e.g. "/api/applications/{id}"
	segments []string // pattern split on "/", wildcards kept as "{name}"
	access   access
	handler  http.HandlerFunc
}

// router is a small method+path router. It is used instead of http.ServeMux because the emulator
// must know the matched pattern before dispatching (for counters and faults) and must answer
// unmatched requests the way Koa and koa-router do.
type router struct {
	routes []*route
}

// handle registers a route. Patterns use "{name}" for one path segment.
func (rt *router) handle(method, pattern string, acc access, h http.HandlerFunc) {
	rt.routes = append(rt.routes, &route{
		method:   method,
		pattern:  pattern,
		segments: strings.Split(pattern, "/"),
		access:   acc,
		handler:  h,
	})
}

// match is the result of routing one request.
type match struct {
	route  *route            // nil when nothing matched method and path
	params map[string]string // decoded path values
	allow  []string          // methods allowed on the path when only the method was wrong
}

// key is the counter key of the match: "METHOD pattern" or "METHOD <unmatched>".
func (m match) key(method string) string {
	if m.route == nil {
		return method + " <unmatched>"
	}
	return method + " " + m.route.pattern
}

// pattern is the matched pattern, or "" when nothing matched.
func (m match) pattern() string {
	if m.route == nil {
		return ""
	}
	return m.route.pattern
}

// find routes a request. Like koa-router (non-strict), one trailing slash is ignored, and a GET
// route also answers HEAD.
func (rt *router) find(r *http.Request) match {
	segments, ok := splitPath(r.URL)
	if !ok {
		return match{}
	}
	var allow []string
	for _, candidate := range rt.routes {
		params, ok := matchSegments(candidate.segments, segments)
		if !ok {
			continue
		}
		if candidate.method == r.Method || (r.Method == http.MethodHead && candidate.method == http.MethodGet) {
			return match{route: candidate, params: params}
		}
		if candidate.method == http.MethodGet {
			allow = appendUnique(allow, http.MethodHead)
		}
		allow = appendUnique(allow, candidate.method)
	}
	return match{allow: allow}
}

// splitPath splits the escaped request path into decoded segments.
func splitPath(u *url.URL) ([]string, bool) {
	escaped := u.EscapedPath()
	if len(escaped) > 1 {
		escaped = strings.TrimSuffix(escaped, "/")
	}
	raw := strings.Split(escaped, "/")
	out := make([]string, len(raw))
	for i, segment := range raw {
		decoded, err := url.PathUnescape(segment)
		if err != nil {
			return nil, false
		}
		out[i] = decoded
	}
	return out, true
}

func matchSegments(pattern, path []string) (map[string]string, bool) {
	if len(pattern) != len(path) {
		return nil, false
	}
	var params map[string]string
	for i, p := range pattern {
		if strings.HasPrefix(p, "{") && strings.HasSuffix(p, "}") {
			if path[i] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[p[1:len(p)-1]] = path[i]
			continue
		}
		if p != path[i] {
			return nil, false
		}
	}
	return params, true
}

func appendUnique(list []string, value string) []string {
	for _, existing := range list {
		if existing == value {
			return list
		}
	}
	return append(list, value)
}
