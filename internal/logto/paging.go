package logto

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageSize is the largest page Logto serves (koa-pagination's maximum).
const pageSize = 100

// listAll reads every page of a paged list endpoint: page=1,2,… with
// page_size=100, on top of the caller's query. It stops when the items read
// reach the Total-Number header, and in any case on an empty or short page.
// An answer without Total-Number comes from an endpoint that does not page:
// it is the whole list. When Logto marks the total as a lower bound
// (Total-Number-Is-Capped), only an empty or short page ends the list.
//
// Offset paging shifts under concurrent writes: an object created while the
// pages are read pushes the others one place down, so one of them comes back
// on two pages, and a deletion can hide one. Items are therefore kept once by
// id (nil: no deduplication), and callers never conclude from a listing alone
// that an object is gone (a GET by id decides).
func listAll[T any](ctx context.Context, c *Client, path string, query url.Values, id func(*T) string) ([]T, error) {
	q := maps.Clone(query)
	if q == nil {
		q = url.Values{}
	}
	q.Set("page_size", strconv.Itoa(pageSize))
	all := []T{}
	seen := map[string]bool{}
	read := 0
	for page := 1; ; page++ {
		q.Set("page", strconv.Itoa(page))
		var items []T
		header, err := c.send(ctx, repeatable, http.MethodGet, path, q, nil, &items)
		if err != nil {
			return nil, err
		}
		read += len(items)
		for i := range items {
			if id != nil {
				key := id(&items[i])
				if seen[key] {
					continue
				}
				seen[key] = true
			}
			all = append(all, items[i])
		}
		if len(items) < pageSize {
			return all, nil
		}
		total, paged := totalNumber(header)
		if !paged {
			return all, nil
		}
		capped := strings.EqualFold(header.Get("Total-Number-Is-Capped"), "true")
		if !capped && read >= total {
			return all, nil
		}
	}
}

// totalNumber reads the Total-Number header; false when it is missing or
// malformed.
func totalNumber(h http.Header) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(h.Get("Total-Number")))
	return n, err == nil
}
