package main

import (
	"context"
	"fmt"
	"sync"

	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

// tenant is what the command read from Logto.
type tenant struct {
	apps       []logto.Application
	secrets    map[string][]logto.ApplicationSecret // by application id
	appRoles   map[string][]logto.Role              // by application id
	connectors []logto.SSOConnector
	orgs       []logto.Organization
	orgScopes  []logto.OrganizationScope
	orgRoles   []logto.OrganizationRole
	orgApps    map[string][]string // application ids by organization id
	orgUsers   map[string][]string // user ids by organization id
	resources  []logto.APIResource
	scopes     map[string][]logto.APIResourceScope // by API resource id
	roles      []logto.Role
	roleScopes map[string][]logto.RoleScope // by role id
	users      []logto.User
	userRoles  map[string][]logto.Role // by user id

	builtin builtins
}

// builtins are Logto's own objects: the Management API resource and its
// scopes, the roles holding only its scopes, and the application whose
// credentials the command uses.
type builtins struct {
	apps, resources, scopes, roles map[string]bool
}

// reading says which parts of the tenant to read.
type reading struct {
	secrets, appRoles, scopes, roleScopes, orgMembers, users, userRoles bool
}

// workers bounds the requests sent at once for per-object listings.
const workers = 4

// readTenant reads the top-level lists and, per object, what r asks for.
func readTenant(ctx context.Context, c *logto.Client, s settings, r reading) (*tenant, error) {
	t := &tenant{
		secrets: map[string][]logto.ApplicationSecret{}, appRoles: map[string][]logto.Role{},
		orgApps: map[string][]string{}, orgUsers: map[string][]string{},
		scopes: map[string][]logto.APIResourceScope{}, roleScopes: map[string][]logto.RoleScope{},
		userRoles: map[string][]logto.Role{},
		builtin:   builtins{apps: map[string]bool{s.ClientID: true}, resources: map[string]bool{}, scopes: map[string]bool{}, roles: map[string]bool{}},
	}
	var err error
	if t.apps, err = c.ListApplications(ctx, logto.ListApplicationsOptions{}); err != nil {
		return nil, fmt.Errorf("listing applications: %w", err)
	}
	if t.connectors, err = c.ListSSOConnectors(ctx); err != nil {
		return nil, fmt.Errorf("listing SSO connectors: %w", err)
	}
	if t.orgs, err = c.ListOrganizations(ctx); err != nil {
		return nil, fmt.Errorf("listing organizations: %w", err)
	}
	if t.orgScopes, err = c.ListOrganizationScopes(ctx); err != nil {
		return nil, fmt.Errorf("listing organization scopes: %w", err)
	}
	if t.orgRoles, err = c.ListOrganizationRoles(ctx); err != nil {
		return nil, fmt.Errorf("listing organization roles: %w", err)
	}
	if t.resources, err = c.ListAPIResources(ctx); err != nil {
		return nil, fmt.Errorf("listing API resources: %w", err)
	}
	if t.roles, err = c.ListRoles(ctx, logto.ListRolesOptions{}); err != nil {
		return nil, fmt.Errorf("listing roles: %w", err)
	}
	if r.users {
		if t.users, err = c.ListUsers(ctx); err != nil {
			return nil, fmt.Errorf("listing users: %w", err)
		}
	}
	for _, res := range t.resources {
		if res.ID == logto.ManagementAPIResourceID || res.Indicator == s.Resource {
			t.builtin.resources[res.ID] = true
		}
	}

	var mu sync.Mutex
	var jobs []func(context.Context) error
	for _, app := range t.apps {
		if r.secrets && logto.ApplicationHasSecrets(app.Type) {
			jobs = append(jobs, func(ctx context.Context) error {
				list, err := c.ListApplicationSecrets(ctx, app.ID)
				if err != nil {
					return fmt.Errorf("listing the secrets of application %q: %w", app.Name, err)
				}
				mu.Lock()
				t.secrets[app.ID] = list
				mu.Unlock()
				return nil
			})
		}
		if r.appRoles && app.Type == logto.ApplicationTypeMachineToMachine {
			jobs = append(jobs, func(ctx context.Context) error {
				list, err := c.ListApplicationRoles(ctx, app.ID)
				if err != nil {
					return fmt.Errorf("listing the roles of application %q: %w", app.Name, err)
				}
				mu.Lock()
				t.appRoles[app.ID] = list
				mu.Unlock()
				return nil
			})
		}
	}
	for _, res := range t.resources {
		// The built-in resource's scopes are always read: they tell the
		// built-in roles.
		if r.scopes || r.roleScopes && t.builtin.resources[res.ID] {
			jobs = append(jobs, func(ctx context.Context) error {
				list, err := c.ListAPIResourceScopes(ctx, res.ID)
				if err != nil {
					return fmt.Errorf("listing the scopes of API resource %q: %w", res.Name, err)
				}
				mu.Lock()
				t.scopes[res.ID] = list
				mu.Unlock()
				return nil
			})
		}
	}
	if r.roleScopes {
		for _, role := range t.roles {
			jobs = append(jobs, func(ctx context.Context) error {
				list, err := c.ListRoleScopes(ctx, role.ID)
				if err != nil {
					return fmt.Errorf("listing the scopes of role %q: %w", role.Name, err)
				}
				mu.Lock()
				t.roleScopes[role.ID] = list
				mu.Unlock()
				return nil
			})
		}
	}
	if r.orgMembers {
		for _, org := range t.orgs {
			jobs = append(jobs, func(ctx context.Context) error {
				apps, err := c.ListOrganizationMemberIDs(ctx, org.ID, logto.OrganizationApplications)
				if err != nil {
					return fmt.Errorf("listing the applications of organization %q: %w", org.Name, err)
				}
				var users []string
				if r.users {
					if users, err = c.ListOrganizationMemberIDs(ctx, org.ID, logto.OrganizationUsers); err != nil {
						return fmt.Errorf("listing the members of organization %q: %w", org.Name, err)
					}
				}
				mu.Lock()
				t.orgApps[org.ID], t.orgUsers[org.ID] = apps, users
				mu.Unlock()
				return nil
			})
		}
	}
	if r.userRoles {
		for _, u := range t.users {
			jobs = append(jobs, func(ctx context.Context) error {
				list, err := c.ListUserRoles(ctx, u.ID)
				if err != nil {
					return fmt.Errorf("listing the roles of user %q: %w", userName(&u), err)
				}
				mu.Lock()
				t.userRoles[u.ID] = list
				mu.Unlock()
				return nil
			})
		}
	}
	if err := runAll(ctx, jobs); err != nil {
		return nil, err
	}

	for id := range t.builtin.resources {
		for _, sc := range t.scopes[id] {
			t.builtin.scopes[sc.ID] = true
		}
	}
	for _, role := range t.roles {
		scopes := t.roleScopes[role.ID]
		builtin := len(scopes) > 0
		for _, sc := range scopes {
			builtin = builtin && t.builtin.resources[sc.ResourceID]
		}
		if builtin {
			t.builtin.roles[role.ID] = true
		}
	}
	return t, nil
}

// runAll runs jobs, a few at a time; the first error cancels the others.
func runAll(ctx context.Context, jobs []func(context.Context) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first error
		next  = make(chan func(context.Context) error)
	)
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for job := range next {
				if err := job(ctx); err != nil {
					once.Do(func() { first = err; cancel() })
				}
			}
		})
	}
	for _, job := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- job
	}
	close(next)
	wg.Wait()
	if first != nil {
		return first
	}
	return ctx.Err()
}

// userName is how a user is named: username, else primary email, phone,
// display name, or id.
func userName(u *logto.User) string {
	for _, s := range []*string{u.Username, u.PrimaryEmail, u.PrimaryPhone, u.Name} {
		if s != nil && *s != "" {
			return *s
		}
	}
	return u.ID
}
