package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"sync/atomic"
	"testing"
)

type item struct {
	ID string `json:"id"`
}

func itemID(i *item) string { return i.ID }

// pagedHandler serves n items the way koa-pagination does.
func pagedHandler(n int, check func(url.Values), header func(http.Header)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if check != nil {
			check(q)
		}
		page, err1 := strconv.Atoi(q.Get("page"))
		size, err2 := strconv.Atoi(q.Get("page_size"))
		if err1 != nil || err2 != nil || page < 1 || size < 1 || size > 100 {
			writeJSON(w, http.StatusBadRequest, `{"code":"guard.invalid_pagination","message":"invalid pagination"}`)
			return
		}
		items := []item{}
		for i := (page - 1) * size; i < min(page*size, n); i++ {
			items = append(items, item{ID: fmt.Sprintf("item-%03d", i)})
		}
		w.Header().Set("Total-Number", strconv.Itoa(n))
		if header != nil {
			header(w.Header())
		}
		body, _ := json.Marshal(items)
		writeJSON(w, http.StatusOK, string(body))
	}
}

func TestListAll_ReadsEveryPage(t *testing.T) {
	f := newFakeLogto(t, pagedHandler(250, func(q url.Values) {
		if q.Get("page_size") != "100" {
			t.Errorf("page_size = %q", q.Get("page_size"))
		}
		if got := q["types"]; !slices.Equal(got, []string{"Traditional", "SPA"}) {
			t.Errorf("types = %v", got)
		}
	}, nil))
	c := f.client(t)
	query := url.Values{"types": {"Traditional", "SPA"}}
	items, err := listAll[item](t.Context(), c, "/api/applications", query, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 250 || items[0].ID != "item-000" || items[249].ID != "item-249" {
		t.Errorf("got %d items", len(items))
	}
	if got := f.apiCalls.Load(); got != 3 {
		t.Errorf("requests = %d, want 3", got)
	}
	if query.Has("page") || query.Has("page_size") {
		t.Error("the caller's query was modified")
	}
}

func TestListAll_StopsAtTotalOnFullLastPage(t *testing.T) {
	f := newFakeLogto(t, pagedHandler(200, nil, nil))
	items, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 200 {
		t.Errorf("got %d items", len(items))
	}
	if got := f.apiCalls.Load(); got != 2 {
		t.Errorf("requests = %d, want 2 (Total-Number says there is no third page)", got)
	}
}

func TestListAll_Empty(t *testing.T) {
	f := newFakeLogto(t, pagedHandler(0, nil, nil))
	items, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil, itemID)
	if err != nil || items == nil || len(items) != 0 {
		t.Fatalf("items = %v, err = %v; want an empty non-nil list", items, err)
	}
	if got := f.apiCalls.Load(); got != 1 {
		t.Errorf("requests = %d, want 1", got)
	}
}

func TestListAll_CappedTotalReadsUntilShortPage(t *testing.T) {
	f := newFakeLogto(t, pagedHandler(230, nil, func(h http.Header) {
		h.Set("Total-Number", "100") // a lower bound
		h.Set("Total-Number-Is-Capped", "true")
	}))
	items, err := listAll[item](t.Context(), f.client(t), "/api/users", nil, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 230 || f.apiCalls.Load() != 3 {
		t.Errorf("got %d items in %d requests", len(items), f.apiCalls.Load())
	}
}

func TestListAll_UnpagedEndpointReadOnce(t *testing.T) {
	// An endpoint that ignores paging returns everything, without Total-Number.
	all := make([]item, 150)
	for i := range all {
		all[i].ID = strconv.Itoa(i)
	}
	body, _ := json.Marshal(all)
	f := newFakeLogto(t, okJSON(string(body)))
	items, err := listAll[item](t.Context(), f.client(t), "/api/applications/a/secrets", nil, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 150 || f.apiCalls.Load() != 1 {
		t.Errorf("got %d items in %d requests", len(items), f.apiCalls.Load())
	}
}

func TestListAll_Error(t *testing.T) {
	f := newFakeLogto(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusBadRequest, `{"code":"guard.invalid_pagination","message":"bad"}`)
	})
	_, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil, itemID)
	if e, ok := AsError(err); !ok || e.Code != "guard.invalid_pagination" {
		t.Errorf("error = %v", err)
	}
}

// An object created while the pages are read shifts the others one place
// down, so the last item of page 1 comes back first on page 2: it is kept once.
func TestListAll_DeduplicatesShiftedPages(t *testing.T) {
	var page2 atomic.Bool
	f := newFakeLogto(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		items := []item{}
		switch q.Get("page") {
		case "1":
			for i := range 100 {
				items = append(items, item{ID: fmt.Sprintf("item-%03d", i)})
			}
		case "2":
			page2.Store(true)
			// item-099 again, then the rest: 151 items counted by the server.
			for i := 99; i < 150; i++ {
				items = append(items, item{ID: fmt.Sprintf("item-%03d", i)})
			}
		}
		w.Header().Set("Total-Number", "151")
		body, _ := json.Marshal(items)
		writeJSON(w, http.StatusOK, string(body))
	})
	got, err := listAll[item](t.Context(), f.client(t), "/api/applications", nil, itemID)
	if err != nil {
		t.Fatal(err)
	}
	if !page2.Load() || len(got) != 150 {
		t.Fatalf("got %d items (page 2 read: %v), want 150 distinct", len(got), page2.Load())
	}
	// Positive control: without an id function the duplicate is kept.
	raw, err := listAll[item](t.Context(), f.client(t), "/api/applications", nil, nil)
	if err != nil || len(raw) != 151 {
		t.Fatalf("without deduplication: %d items, %v; want 151", len(raw), err)
	}
}
