package logto

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// roleStore is a fake /api/roles: list (paged as koa-pagination does), GET,
// PATCH and POST, with request counts.
type roleStore struct {
	t  *testing.T
	mu sync.Mutex
	// roles by id; order is the listing order.
	roles map[string]Role
	order []string
	// lists and gets count the listings and the GETs by id.
	lists, gets int
	// failLists answers every listing 500 when set.
	failLists bool
	// beforeReply runs once a page was read from the store, before it is
	// answered (outside the lock).
	beforeReply func(page int)
}

func newRoleStore(t *testing.T, n int) *roleStore {
	s := &roleStore{t: t, roles: map[string]Role{}}
	for i := range n {
		s.add(fmt.Sprintf("role-%04d", i), fmt.Sprintf("name %d", i))
	}
	return s
}

func (s *roleStore) add(id, name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.roles[id] = Role{ID: id, Name: name, Description: "d " + name, Type: RoleTypeUser}
	s.order = append(s.order, id)
}

func (s *roleStore) remove(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.roles, id)
	s.order = slicesDelete(s.order, id)
}

func (s *roleStore) setDescription(id, d string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.roles[id]
	r.Description = d
	s.roles[id] = r
}

func slicesDelete(ids []string, id string) []string {
	out := ids[:0]
	for _, v := range ids {
		if v != id {
			out = append(out, v)
		}
	}
	return out
}

func (s *roleStore) counts() (lists, gets int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lists, s.gets
}

func (s *roleStore) serve(w http.ResponseWriter, r *http.Request) {
	rest, _ := strings.CutPrefix(r.URL.Path, "/api/roles")
	id := strings.TrimPrefix(rest, "/")
	s.mu.Lock()
	switch {
	case id == "" && r.Method == http.MethodGet:
		s.lists++
		fail := s.failLists
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		size, _ := strconv.Atoi(r.URL.Query().Get("page_size"))
		if size != pageSize || page < 1 {
			s.t.Errorf("listing with page=%q page_size=%q", r.URL.Query().Get("page"), r.URL.Query().Get("page_size"))
		}
		var items []Role
		for i := (page - 1) * size; i >= 0 && i < min(page*size, len(s.order)); i++ {
			items = append(items, s.roles[s.order[i]])
		}
		total := len(s.order)
		before := s.beforeReply
		s.mu.Unlock()
		if before != nil {
			before(page)
		}
		if fail {
			writeJSON(w, http.StatusInternalServerError, `{"code":"unknown","message":"boom"}`)
			return
		}
		body, _ := json.Marshal(items)
		if items == nil {
			body = []byte("[]")
		}
		w.Header().Set("Total-Number", strconv.Itoa(total))
		writeJSON(w, http.StatusOK, string(body))
		return
	case r.Method == http.MethodGet:
		s.gets++
		role, ok := s.roles[id]
		s.mu.Unlock()
		if !ok {
			writeJSON(w, http.StatusNotFound, `{"code":"entity.not_exists_with_id","message":"not found"}`)
			return
		}
		body, _ := json.Marshal(role)
		writeJSON(w, http.StatusOK, string(body))
		return
	case r.Method == http.MethodPatch:
		var in RolePatch
		_ = json.NewDecoder(r.Body).Decode(&in)
		role := s.roles[id]
		if in.Description != nil {
			role.Description = *in.Description
		}
		s.roles[id] = role
		s.mu.Unlock()
		body, _ := json.Marshal(role)
		writeJSON(w, http.StatusOK, string(body))
		return
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusMethodNotAllowed, `{}`)
}

// refreshAll refreshes the roles ids one after the other and returns them.
func refreshAll(t *testing.T, c *Client, ids []string) []*Role {
	t.Helper()
	out := make([]*Role, 0, len(ids))
	for _, id := range ids {
		r, err := c.RefreshRole(t.Context(), id)
		if err != nil {
			t.Fatalf("RefreshRole(%s): %v", id, err)
		}
		out = append(out, r)
	}
	return out
}

func roleIDs(from, to int) []string {
	var ids []string
	for i := from; i < to; i++ {
		ids = append(ids, fmt.Sprintf("role-%04d", i))
	}
	return ids
}

func TestRefresh_FewObjectsSendOneGETEach(t *testing.T) {
	s := newRoleStore(t, 50)
	c := newFakeLogto(t, s.serve).client(t)
	refreshAll(t, c, roleIDs(0, batchReadsAfter-1))
	lists, gets := s.counts()
	if lists != 0 || gets != batchReadsAfter-1 {
		t.Errorf("%d refreshes: %d listings and %d GETs, want 0 and %d", batchReadsAfter-1, lists, gets, batchReadsAfter-1)
	}
}

func TestRefresh_ManyObjectsReadByPages(t *testing.T) {
	s := newRoleStore(t, 250)
	c := newFakeLogto(t, s.serve).client(t)
	ids := roleIDs(0, 250)
	got := refreshAll(t, c, ids)
	lists, gets := s.counts()
	// batchReadsAfter GETs, then the 3 pages, then nothing.
	if lists != 3 || gets != batchReadsAfter-1 {
		t.Errorf("250 refreshes: %d listings and %d GETs, want 3 and %d", lists, gets, batchReadsAfter-1)
	}
	for i, r := range got {
		want := s.roles[ids[i]]
		if !reflect.DeepEqual(*r, want) {
			t.Fatalf("refresh of %s = %+v, want %+v", ids[i], *r, want)
		}
	}
	if st := c.pages.stats(routeRoles); !st.Complete || st.Items != 250 || st.PagesRead != 3 {
		t.Errorf("stats = %+v", st)
	}
}

// A listing is read only once: objects missing from it (deleted before the
// refresh reached them, or created after the listing) are read by GET, so a
// deletion answers 404 and a new object its own row.
func TestRefresh_MissingObjectsGoToGET(t *testing.T) {
	s := newRoleStore(t, 120)
	c := newFakeLogto(t, s.serve).client(t)
	s.remove("role-0050")                         // deleted before the refresh
	refreshAll(t, c, roleIDs(0, batchReadsAfter)) // fills the set
	lists, gets := s.counts()
	if lists != 2 || gets != batchReadsAfter-1 {
		t.Fatalf("after the fill: %d listings, %d GETs", lists, gets)
	}
	s.add("role-new", "created after the listing")

	_, err := c.RefreshRole(t.Context(), "role-0050")
	if !IsNotFound(err) {
		t.Errorf("refresh of a role deleted after the listing: err = %v, want a 404", err)
	}
	r, err := c.RefreshRole(t.Context(), "role-new")
	if err != nil || r.Name != "created after the listing" {
		t.Errorf("refresh of a role created after the listing = %+v, %v", r, err)
	}
	// Positive control: a listed role is still answered without a request.
	if _, err := c.RefreshRole(t.Context(), "role-0060"); err != nil {
		t.Fatal(err)
	}
	lists, gets = s.counts()
	if lists != 2 || gets != batchReadsAfter-1+2 {
		t.Errorf("%d listings and %d GETs, want 2 and %d (one GET per missing role, none for a listed one)", lists, gets, batchReadsAfter+1)
	}
}

// What the Client wrote is read again with GET, the answer lost or not; the
// listing (read before the write) would answer the old row.
func TestRefresh_WrittenObjectsGoToGET(t *testing.T) {
	s := newRoleStore(t, 120)
	f := newFakeLogto(t, s.serve)
	c := f.client(t)
	refreshAll(t, c, roleIDs(0, batchReadsAfter))

	desc := "changed by this client"
	if _, err := c.UpdateRole(t.Context(), "role-0070", RolePatch{Description: &desc}); err != nil {
		t.Fatal(err)
	}
	// A write whose answer is lost: the server acted, the client saw 502s.
	f.setAPI(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPatch {
			s.serve(httptestRecorderDiscard{}, r)
			writeJSON(w, http.StatusBadGateway, `{}`)
			return
		}
		s.serve(w, r)
	})
	lost := "changed, answer lost"
	if _, err := c.UpdateRole(t.Context(), "role-0071", RolePatch{Description: &lost}); err == nil {
		t.Fatal("the PATCH answered 502 on every attempt, yet no error")
	}
	_, getsBefore := s.counts()
	for id, want := range map[string]string{"role-0070": desc, "role-0071": lost} {
		r, err := c.RefreshRole(t.Context(), id)
		if err != nil || r.Description != want {
			t.Errorf("refresh of %s after a write = %+v, %v; want description %q", id, r, err, want)
		}
	}
	// Positive control: changed out of band after the listing, a role this
	// client did not write is answered from the listing (the old row).
	s.setDescription("role-0072", "out of band")
	if r, _ := c.RefreshRole(t.Context(), "role-0072"); r == nil || r.Description != "d name 72" {
		t.Errorf("refresh of a listed role = %+v, want the listed row", r)
	}
	if _, gets := s.counts(); gets != getsBefore+2 {
		t.Errorf("%d GETs after the writes, want 2", gets-getsBefore)
	}
}

// httptestRecorderDiscard is a ResponseWriter that discards the answer.
type httptestRecorderDiscard struct{}

func (httptestRecorderDiscard) Header() http.Header         { return http.Header{} }
func (httptestRecorderDiscard) Write(b []byte) (int, error) { return len(b), nil }
func (httptestRecorderDiscard) WriteHeader(int)             {}

// In a tenant much larger than the configuration, the pages after the first
// are read only once as many reads have gone to GET as there are pages.
func TestRefresh_LargeTenantFewObjects(t *testing.T) {
	s := newRoleStore(t, 2000) // 20 pages
	c := newFakeLogto(t, s.serve).client(t)
	// Objects spread over the tenant: one on page 1 after the trigger.
	var ids []string
	for i := range 15 {
		ids = append(ids, fmt.Sprintf("role-%04d", 150+i*100))
	}
	refreshAll(t, c, ids)
	lists, gets := s.counts()
	if lists != 1 || gets != 15 {
		t.Errorf("15 refreshes in a tenant of 20 pages: %d listings, %d GETs; want 1 and 15", lists, gets)
	}
	refreshAll(t, c, roleIDs(1000, 1005)) // the 20th miss reads the rest
	lists, gets = s.counts()
	if lists != 20 || gets != 19 {
		t.Errorf("after 20 reads: %d listings, %d GETs; want 20 and 19", lists, gets)
	}
	if st := c.pages.stats(routeRoles); !st.Complete || st.Items != 2000 {
		t.Errorf("stats = %+v", st)
	}
}

func TestRefresh_FailedListingFallsBackToGET(t *testing.T) {
	s := newRoleStore(t, 150)
	s.failLists = true
	c := newFakeLogto(t, s.serve).client(t, func(cfg *Config) { cfg.MaxRetries = -1 })
	got := refreshAll(t, c, roleIDs(0, 30))
	lists, gets := s.counts()
	if lists != 1 || gets != 30 {
		t.Errorf("%d listings, %d GETs; want 1 failed listing and 30 GETs", lists, gets)
	}
	if got[20].ID != "role-0020" {
		t.Errorf("refresh answered %+v", got[20])
	}
	if st := c.pages.stats(routeRoles); !st.Failed || st.Items != 0 {
		t.Errorf("stats = %+v", st)
	}
}

// Objects written between two pages of the listing (answers the server acted
// on while the pages were read) are read with GET all the same.
func TestRefresh_WriteDuringListing(t *testing.T) {
	s := newRoleStore(t, 300)
	f := newFakeLogto(t, s.serve)
	c := f.client(t)
	desc := "written while the listing was read"
	var once sync.Once
	s.beforeReply = func(page int) {
		if page == 1 {
			once.Do(func() {
				if _, err := c.UpdateRole(t.Context(), "role-0010", RolePatch{Description: &desc}); err != nil {
					t.Error(err)
				}
			})
		}
	}
	refreshAll(t, c, roleIDs(0, batchReadsAfter))
	r, err := c.RefreshRole(t.Context(), "role-0010")
	if err != nil || r.Description != desc {
		t.Errorf("refresh = %+v, %v; want description %q", r, err, desc)
	}
}

func TestRefresh_NoBatchReads(t *testing.T) {
	s := newRoleStore(t, 150)
	c := newFakeLogto(t, s.serve).client(t, func(cfg *Config) { cfg.NoBatchReads = true })
	refreshAll(t, c, roleIDs(0, 150))
	if lists, gets := s.counts(); lists != 0 || gets != 150 {
		t.Errorf("batch reads off: %d listings, %d GETs; want 0 and 150", lists, gets)
	}
}

func TestRefresh_Concurrent(t *testing.T) {
	s := newRoleStore(t, 500)
	c := newFakeLogto(t, s.serve).client(t)
	ids := roleIDs(0, 500)
	var wg sync.WaitGroup
	work := make(chan string)
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range work {
				r, err := c.RefreshRole(t.Context(), id)
				if err != nil || r.ID != id {
					t.Errorf("refresh of %s = %+v, %v", id, r, err)
				}
			}
		}()
	}
	for _, id := range ids {
		work <- id
	}
	close(work)
	wg.Wait()
	lists, gets := s.counts()
	// The read that reaches batchReadsAfter reads the listing; the reads
	// before it went to GET, and the reads after it wait for the listing.
	if lists != 5 || gets != batchReadsAfter-1 {
		t.Errorf("500 concurrent refreshes: %d listings and %d GETs; want 5 and %d", lists, gets, batchReadsAfter-1)
	}
	t.Logf("500 concurrent refreshes: %d listings, %d GETs (%.3f requests per object)", lists, gets, float64(lists+gets)/500)
}

// noteWrite finds the object of every route's sub-paths, and nothing for
// creates, reads or other routes.
func TestPageSets_NoteWrite(t *testing.T) {
	var p pageSets
	p.noteWrite(http.MethodPost, "/api/applications")                 // create: no id
	p.noteWrite(http.MethodGet, "/api/applications/read")             // read
	p.noteWrite(http.MethodPatch, "/api/applications/a%2F1")          // escaped id
	p.noteWrite(http.MethodPost, "/api/applications/app2/secrets")    // sub-resource
	p.noteWrite(http.MethodPut, "/api/organization-roles/or1/scopes") // not /api/organizations
	p.noteWrite(http.MethodDelete, "/api/organizations/o1")           // delete
	p.noteWrite(http.MethodPatch, "/api/sign-in-exp")                 // other route
	p.noteWrite(http.MethodDelete, "/api/resources/r1/scopes/s1")     // the resource
	p.noteWrite(http.MethodPost, "/api/users/u1/roles")               // the user
	p.noteWrite(http.MethodPatch, "/api/organization-scopes/os1")     // the scope
	var got []string
	for route, ids := range p.written {
		for id := range ids {
			got = append(got, route+" "+id)
		}
	}
	sort.Strings(got)
	want := []string{
		"/api/applications a/1",
		"/api/applications app2",
		"/api/organization-roles or1",
		"/api/organization-scopes os1",
		"/api/organizations o1",
		"/api/resources r1",
		"/api/users u1",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("written = %q\nwant %q", got, want)
	}
}

// The list of applications lacks isAdmin, which the GET of one application
// carries (Logto 1.42): batching applications is only right while
// Application decodes no such field.
func TestApplication_HasNoFieldTheListLacks(t *testing.T) {
	listLacks := map[string]bool{"isAdmin": true}
	typ := reflect.TypeFor[Application]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if listLacks[name] {
			t.Errorf("Application.%s decodes %q, which GET /api/applications does not return: "+
				"a refresh answered from the listing would differ from one answered by GET", typ.Field(i).Name, name)
		}
	}
	// Positive control: the check sees fields the answer does have.
	if f, ok := typ.FieldByName("IsThirdParty"); !ok || f.Tag.Get("json") != "isThirdParty" {
		t.Error("the check reads json tags wrongly")
	}
}
