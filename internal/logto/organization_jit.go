package logto

import (
	"context"
	"net/http"
)

// Just-in-time provisioning of an organization. Each set is replaced whole
// by a transactional PUT (repeatable); reads list every page. A missing
// organization answers 200 [] for email domains (and 404 for roles and
// connectors): callers read the organization itself to learn it is gone.

type jitEmailDomain struct {
	EmailDomain string `json:"emailDomain"`
}

// ListOrganizationJITEmailDomains returns the organization's just-in-time
// email domains.
func (c *Client) ListOrganizationJITEmailDomains(ctx context.Context, orgID string) ([]string, error) {
	rows, err := listAll(ctx, c, organizationPath(orgID)+"/jit/email-domains", nil,
		func(r *jitEmailDomain) string { return r.EmailDomain })
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(rows))
	for _, r := range rows {
		out = append(out, r.EmailDomain)
	}
	return out, nil
}

// ReplaceOrganizationJITEmailDomains makes domains the organization's
// just-in-time email domains. Logto stores them as given, without checks.
func (c *Client) ReplaceOrganizationJITEmailDomains(ctx context.Context, orgID string, domains []string) error {
	return c.do(ctx, http.MethodPut, organizationPath(orgID)+"/jit/email-domains", nil,
		map[string][]string{"emailDomains": nonNil(domains)}, nil)
}

// ListOrganizationJITRoleIDs returns the ids of the organization roles given
// to members provisioned just in time.
func (c *Client) ListOrganizationJITRoleIDs(ctx context.Context, orgID string) ([]string, error) {
	return listIDs(ctx, c, organizationPath(orgID)+"/jit/roles")
}

// ReplaceOrganizationJITRoles sets the roles given to members provisioned
// just in time.
func (c *Client) ReplaceOrganizationJITRoles(ctx context.Context, orgID string, roleIDs []string) error {
	return c.do(ctx, http.MethodPut, organizationPath(orgID)+"/jit/roles", nil,
		map[string][]string{"organizationRoleIds": nonNil(roleIDs)}, nil)
}

// ListOrganizationJITSSOConnectorIDs returns the ids of the enterprise SSO
// connectors that provision members just in time.
func (c *Client) ListOrganizationJITSSOConnectorIDs(ctx context.Context, orgID string) ([]string, error) {
	return listIDs(ctx, c, organizationPath(orgID)+"/jit/sso-connectors")
}

// ReplaceOrganizationJITSSOConnectors sets the enterprise SSO connectors that
// provision members just in time.
func (c *Client) ReplaceOrganizationJITSSOConnectors(ctx context.Context, orgID string, connectorIDs []string) error {
	return c.do(ctx, http.MethodPut, organizationPath(orgID)+"/jit/sso-connectors", nil,
		map[string][]string{"ssoConnectorIds": nonNil(connectorIDs)}, nil)
}
