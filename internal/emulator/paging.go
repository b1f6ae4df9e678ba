package emulator

import (
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
)

// Paging after Logto's koa-pagination: `page` (from 1) and `page_size` (default 20, max 100).
// On routes where paging is optional, a request with neither parameter gets every row and no
// paging headers.

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// pagination is the parsed paging of one request.
type pagination struct {
	disabled bool
	page     int
	size     int
}

// offset is the index of the first row of the page.
func (p pagination) offset() int { return (p.page - 1) * p.size }

// parsePagination reads page and page_size; ok is false after it answered 400
// guard.invalid_pagination.
func parsePagination(w http.ResponseWriter, pairs []kvString, optional bool) (pagination, bool) {
	_, values := queryValues(pairs)
	rawPage, rawSize := jsQueryValue(values["page"]), jsQueryValue(values["page_size"])
	p := pagination{page: 1, size: defaultPageSize}
	if rawPage == "" && rawSize == "" && optional {
		return pagination{disabled: true}, true
	}
	if rawPage != "" {
		n, ok := positiveInt(rawPage)
		if !ok {
			writeError(w, http.StatusBadRequest, "guard.invalid_pagination")
			return p, false
		}
		p.page = n
	}
	if rawSize != "" {
		n, ok := positiveInt(rawSize)
		if !ok || n > maxPageSize {
			writeError(w, http.StatusBadRequest, "guard.invalid_pagination")
			return p, false
		}
		p.size = n
	}
	return p, true
}

// jsQueryValue is what Koa's ctx.request.query gives for a key as a string: the value, or for a
// repeated key the values joined with "," (what Number(array) and String(array) see).
func jsQueryValue(values []string) string {
	return strings.Join(values, ",")
}

// positiveInt converts like JavaScript's Number() and accepts positive whole numbers. Logto
// accepts any positive number; fractions are rejected here (guessed: they make no sense as a
// page and Postgres would not take them as a LIMIT).
func positiveInt(raw string) (int, bool) {
	s := strings.TrimSpace(raw)
	var f float64
	var err error
	if strings.HasPrefix(strings.ToLower(s), "0x") {
		var n int64
		n, err = strconv.ParseInt(s[2:], 16, 64)
		f = float64(n)
	} else {
		f, err = strconv.ParseFloat(s, 64)
	}
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f <= 0 || f != math.Trunc(f) || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// writePagingHeaders sets Total-Number and Link as koa-pagination does. Link URLs are built from
// the request origin and the path inside /api (Logto mounts the API app there), with the query
// re-encoded and `page` replaced.
func writePagingHeaders(w http.ResponseWriter, r *http.Request, pairs []kvString, p pagination, total int) {
	totalPages := int(math.Ceil(float64(total) / float64(p.size)))
	if totalPages == 0 {
		totalPages = 1
	}
	w.Header().Set("Total-Number", strconv.Itoa(total))
	links := []string{buildLink(r, pairs, 1, "first")}
	if p.page > 1 {
		links = append(links, buildLink(r, pairs, p.page-1, "prev"))
	}
	links = append(links, buildLink(r, pairs, totalPages, "last"))
	if p.page < totalPages {
		links = append(links, buildLink(r, pairs, p.page+1, "next"))
	}
	// Koa appends each relation as its own Link header line.
	for _, link := range links {
		w.Header().Add("Link", link)
	}
}

func buildLink(r *http.Request, pairs []kvString, page int, rel string) string {
	keys, values := queryValues(pairs)
	hasPage := false
	parts := make([]string, 0, len(keys)+1)
	for _, key := range keys {
		value := jsQueryValue(values[key])
		if key == "page" {
			value, hasPage = strconv.Itoa(page), true
		}
		parts = append(parts, encodeForm(key)+"="+encodeForm(value))
	}
	if !hasPage {
		parts = append(parts, "page="+strconv.Itoa(page))
	}
	apiPath := strings.TrimPrefix(r.URL.EscapedPath(), "/api")
	return fmt.Sprintf("<%s%s?%s>; rel=%q", origin(r), apiPath, strings.Join(parts, "&"), rel)
}

// pageOf returns the rows of one page.
func pageOf[T any](rows []T, p pagination) []T {
	if p.disabled {
		return rows
	}
	start := p.offset()
	if start >= len(rows) {
		return rows[:0]
	}
	end := start + p.size
	if end > len(rows) {
		end = len(rows)
	}
	return rows[start:end]
}
