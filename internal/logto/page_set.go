package logto

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// Batched reads (the page set).
//
// A refresh reads every object of a configuration with its own GET. For the
// types whose list endpoint answers, for each object, what the object's GET
// answers (see pageRoutes), a refresh of many objects of one type instead
// reads the whole list once per Client (100 per page) and answers each read
// from it:
//
//   - Only Refresh* methods (the resources' Read during plan and refresh)
//     look in the page set. Reads made to build an update, and data sources,
//     always send their own GET.
//   - An object missing from the page set is read with its own GET: a listing
//     never decides that an object is gone (offset paging shifts under
//     concurrent writes and can hide an object), and objects created after
//     the listing are not in it.
//   - Anything this Client writes (any request other than GET under an
//     object's path, sent or not, answered or lost) is never answered from
//     the page set afterwards: the object is read with its own GET.
//   - The listing starts only after batchReadsAfter reads of one type went to
//     GET, so that a configuration of a few objects costs what it did. The
//     first page tells the number of pages (Total-Number); the other pages
//     are read once as many reads of the type have gone to GET as there are
//     pages, so that a configuration of a few objects in a large tenant never
//     pays more than about twice its GETs for the listing.
//   - A listing that fails (after the transport's retries) turns batching off
//     for that type in this Client: every read of it goes to GET.
//
// Config.NoBatchReads turns the page set off.

// batchReadsAfter is how many reads of one type go to GET before the page set
// of that type is read. Below it, a configuration of a few objects of a type
// makes no listing at all.
const batchReadsAfter = 10

// List routes whose items decode to the same value as the single-object GET.
// Checked against a real Logto 1.42 (one object of each type, GET by id
// beside the item of the first page; see the provider's performance guide):
//
//   - identical: API resources, organizations, users, organization scopes
//     and SSO connectors (providerConfig included);
//   - the list adds fields the GET lacks and this client does not decode:
//     roles (usersCount, featuredUsers, applicationsCount,
//     featuredApplications) and organization roles (scopes, resourceScopes);
//   - the list lacks isAdmin, which the GET of an application computes and
//     this client does not decode (Application has no such field; a test
//     keeps it so).
const (
	routeApplications       = "/api/applications"
	routeRoles              = "/api/roles"
	routeAPIResources       = "/api/resources"
	routeOrganizations      = "/api/organizations"
	routeUsers              = "/api/users"
	routeOrganizationRoles  = "/api/organization-roles"
	routeOrganizationScopes = "/api/organization-scopes"
	routeSSOConnectors      = "/api/sso-connectors"
)

// pageRoutes lists the routes above (writes under them are noted).
var pageRoutes = []string{
	routeApplications, routeRoles, routeAPIResources, routeOrganizations,
	routeUsers, routeOrganizationRoles, routeOrganizationScopes, routeSSOConnectors,
}

// pageSets holds one Client's page sets, by list route, and the objects the
// Client wrote.
type pageSets struct {
	off bool

	mu      sync.Mutex
	sets    map[string]*pageSet
	written map[string]map[string]bool // route → ids written by this Client
}

// pageSet is the listing of one route.
type pageSet struct {
	// gets counts the reads of the route that went to GET while the set was
	// not complete.
	gets int
	// items holds each listed object's JSON, by id.
	items map[string]json.RawMessage
	// next is the next page to read (1 before any); pages the number of
	// pages the last Total-Number announced.
	next, pages int
	// complete: every page was read; failed: a page could not be read.
	complete, failed bool
	// filling is closed when the listing under way ends; nil when none is.
	filling chan struct{}
}

// pageSetStats describes one page set (tests and benchmarks).
type pageSetStats struct {
	Items, PagesRead, Gets int
	Complete, Failed       bool
}

// noteWrite records that a request other than GET was sent to path, so that
// the object it names is read with its own GET from now on. It is called
// before the request is sent: a write whose answer is lost counts.
func (p *pageSets) noteWrite(method, path string) {
	if p == nil || p.off || method == http.MethodGet || method == http.MethodHead {
		return
	}
	for _, route := range pageRoutes {
		rest, ok := strings.CutPrefix(path, route+"/")
		if !ok {
			continue
		}
		seg, _, _ := strings.Cut(rest, "/")
		id, err := url.PathUnescape(seg)
		if err != nil || id == "" {
			return
		}
		p.mu.Lock()
		if p.written == nil {
			p.written = map[string]map[string]bool{}
		}
		if p.written[route] == nil {
			p.written[route] = map[string]bool{}
		}
		p.written[route][id] = true
		p.mu.Unlock()
		return
	}
}

// lookup returns the listed JSON of the object id of route, reading the
// listing when it is due; false when the caller must send its own GET.
func (p *pageSets) lookup(ctx context.Context, c *Client, route, id string) (json.RawMessage, bool) {
	counted := false
	for {
		p.mu.Lock()
		if p.written[route][id] {
			p.mu.Unlock()
			return nil, false
		}
		if p.sets == nil {
			p.sets = map[string]*pageSet{}
		}
		s := p.sets[route]
		if s == nil {
			s = &pageSet{next: 1}
			p.sets[route] = s
		}
		if ch := s.filling; ch != nil {
			p.mu.Unlock()
			select {
			case <-ch:
				continue
			case <-ctx.Done():
				return nil, false
			}
		}
		if raw, ok := s.items[id]; ok {
			p.mu.Unlock()
			return raw, true
		}
		if s.complete || s.failed {
			p.mu.Unlock()
			return nil, false
		}
		if !counted {
			s.gets++
			counted = true
		}
		if s.gets < batchReadsAfter || (s.next > 1 && s.gets < s.pages) {
			p.mu.Unlock()
			return nil, false
		}
		done := make(chan struct{})
		s.filling = done
		p.mu.Unlock()

		err := p.fill(ctx, c, route, s)

		p.mu.Lock()
		if err != nil {
			s.failed = true
			s.items = nil // nothing half-read is kept
		}
		s.filling = nil
		close(done)
		p.mu.Unlock()
		if err != nil {
			tflog.Warn(ctx, "Batched reads turned off for this type: its listing failed; each object is read with its own GET",
				map[string]any{"api_path": route, "api_error": err.Error()})
			return nil, false
		}
	}
}

// fill reads pages of route into s: the first page, then, when as many reads
// of the route have gone to GET as there are pages, every other page. Only
// the goroutine that set s.filling calls it.
func (p *pageSets) fill(ctx context.Context, c *Client, route string, s *pageSet) error {
	q := url.Values{"page_size": {strconv.Itoa(pageSize)}}
	for {
		q.Set("page", strconv.Itoa(s.next))
		var items []json.RawMessage
		header, err := c.send(ctx, repeatable, http.MethodGet, route, q, nil, &items)
		if err != nil {
			return err
		}
		p.mu.Lock()
		if s.items == nil {
			s.items = make(map[string]json.RawMessage, len(items))
		}
		for _, raw := range items {
			var key struct {
				ID string `json:"id"`
			}
			if json.Unmarshal(raw, &key) == nil && key.ID != "" {
				// A later page holds a later answer: offset paging can
				// show an object twice, and the last one seen is kept.
				s.items[key.ID] = raw
			}
		}
		s.next++
		total, paged := totalNumber(header)
		capped := strings.EqualFold(header.Get("Total-Number-Is-Capped"), "true")
		if paged {
			s.pages = (total + pageSize - 1) / pageSize
		}
		switch {
		case len(items) < pageSize || !paged || (!capped && s.next > s.pages):
			s.complete = true
		case capped && s.pages < s.next:
			// A capped total is a lower bound: keep reading.
			s.pages = s.next
		}
		stop := s.complete || s.gets < s.pages
		p.mu.Unlock()
		if stop {
			return nil
		}
	}
}

// stats describes the page set of route.
func (p *pageSets) stats(route string) pageSetStats {
	p.mu.Lock()
	defer p.mu.Unlock()
	s := p.sets[route]
	if s == nil {
		return pageSetStats{}
	}
	return pageSetStats{Items: len(s.items), PagesRead: s.next - 1, Gets: s.gets, Complete: s.complete, Failed: s.failed}
}

// refresh reads the object id of route for a refresh: from the page set when
// it holds the object (see lookup), otherwise with get.
func refresh[T any](ctx context.Context, c *Client, route, id string, get func(context.Context, string) (*T, error)) (*T, error) {
	if c.pages.off {
		return get(ctx, id)
	}
	if raw, ok := c.pages.lookup(ctx, c, route, id); ok {
		var out T
		if err := json.Unmarshal(raw, &out); err == nil {
			return &out, nil
		}
	}
	return get(ctx, id)
}

// RefreshApplication reads an application for a refresh (a resource's Read):
// like GetApplication, but answered from the listing of every application
// when many are read by one Client (see the package's batched reads). Never
// use it to build a write.
func (c *Client) RefreshApplication(ctx context.Context, id string) (*Application, error) {
	return refresh(ctx, c, routeApplications, id, c.GetApplication)
}

// RefreshRole is GetRole for a refresh (see RefreshApplication).
func (c *Client) RefreshRole(ctx context.Context, id string) (*Role, error) {
	return refresh(ctx, c, routeRoles, id, c.GetRole)
}

// RefreshAPIResource is GetAPIResource for a refresh (see RefreshApplication).
func (c *Client) RefreshAPIResource(ctx context.Context, id string) (*APIResource, error) {
	return refresh(ctx, c, routeAPIResources, id, c.GetAPIResource)
}

// RefreshOrganization is GetOrganization for a refresh (see RefreshApplication).
func (c *Client) RefreshOrganization(ctx context.Context, id string) (*Organization, error) {
	return refresh(ctx, c, routeOrganizations, id, c.GetOrganization)
}

// RefreshUser is GetUser for a refresh (see RefreshApplication).
func (c *Client) RefreshUser(ctx context.Context, id string) (*User, error) {
	return refresh(ctx, c, routeUsers, id, c.GetUser)
}

// RefreshOrganizationRole is GetOrganizationRole for a refresh (see RefreshApplication).
func (c *Client) RefreshOrganizationRole(ctx context.Context, id string) (*OrganizationRole, error) {
	return refresh(ctx, c, routeOrganizationRoles, id, c.GetOrganizationRole)
}

// RefreshOrganizationScope is GetOrganizationScope for a refresh (see RefreshApplication).
func (c *Client) RefreshOrganizationScope(ctx context.Context, id string) (*OrganizationScope, error) {
	return refresh(ctx, c, routeOrganizationScopes, id, c.GetOrganizationScope)
}

// RefreshSSOConnector is GetSSOConnector for a refresh (see RefreshApplication).
func (c *Client) RefreshSSOConnector(ctx context.Context, id string) (*SSOConnector, error) {
	return refresh(ctx, c, routeSSOConnectors, id, c.GetSSOConnector)
}
