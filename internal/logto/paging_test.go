package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"testing"
)

type item struct {
	ID string `json:"id"`
}

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
	items, err := listAll[item](t.Context(), c, "/api/applications", query)
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
	items, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil)
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
	items, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil)
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
	items, err := listAll[item](t.Context(), f.client(t), "/api/users", nil)
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
	items, err := listAll[item](t.Context(), f.client(t), "/api/applications/a/secrets", nil)
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
	_, err := listAll[item](t.Context(), f.client(t), "/api/roles", nil)
	if e, ok := AsError(err); !ok || e.Code != "guard.invalid_pagination" {
		t.Errorf("error = %v", err)
	}
}
