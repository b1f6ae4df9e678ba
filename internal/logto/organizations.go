package logto

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Organization is an organization as the Management API returns it. Fields
// the client does not model (color, customCss) are left alone: updates send
// only the fields they change.
type Organization struct {
	ID          string  `json:"id"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
	// CustomData is free-form JSON; PATCH replaces it whole.
	CustomData    json.RawMessage      `json:"customData"`
	IsMfaRequired bool                 `json:"isMfaRequired"`
	Branding      OrganizationBranding `json:"branding"`
	CreatedAt     int64                `json:"createdAt"`
}

// OrganizationBranding is an organization's logos and favicons. PATCH
// replaces it whole, so updates start from a fresh read to keep the
// favicons set in the Console.
type OrganizationBranding struct {
	LogoURL     *string `json:"logoUrl,omitempty"`
	DarkLogoURL *string `json:"darkLogoUrl,omitempty"`
	Favicon     *string `json:"favicon,omitempty"`
	DarkFavicon *string `json:"darkFavicon,omitempty"`
}

// OrganizationCreate is the body of POST /api/organizations.
type OrganizationCreate struct {
	Name          string                `json:"name"`
	Description   *string               `json:"description,omitempty"`
	CustomData    json.RawMessage       `json:"customData,omitempty"`
	IsMfaRequired *bool                 `json:"isMfaRequired,omitempty"`
	Branding      *OrganizationBranding `json:"branding,omitempty"`
}

// OrganizationPatch is the body of PATCH /api/organizations/{id}: only the
// fields set are sent; customData and branding replace Logto's whole.
type OrganizationPatch struct {
	Name          *string               `json:"name,omitempty"`
	Description   *string               `json:"description,omitempty"`
	CustomData    json.RawMessage       `json:"customData,omitempty"`
	IsMfaRequired *bool                 `json:"isMfaRequired,omitempty"`
	Branding      *OrganizationBranding `json:"branding,omitempty"`
}

// Empty reports whether the patch changes nothing.
func (p *OrganizationPatch) Empty() bool {
	return p.Name == nil && p.Description == nil && p.CustomData == nil && p.IsMfaRequired == nil && p.Branding == nil
}

func organizationPath(id string) string { return "/api/organizations/" + url.PathEscape(id) }

// CreateOrganization creates an organization. Organization names may repeat,
// so when the answer is lost the organization is looked up by exact name
// among those created since the request was sent (see create).
func (c *Client) CreateOrganization(ctx context.Context, in OrganizationCreate) (*Organization, error) {
	return create(ctx, c, createSpec[Organization]{
		path:      "/api/organizations",
		in:        in,
		what:      "organization",
		key:       func(o *Organization) string { return "organization/" + o.ID },
		find:      func(ctx context.Context) ([]Organization, error) { return c.OrganizationsNamed(ctx, in.Name) },
		createdAt: func(o *Organization) int64 { return o.CreatedAt },
	})
}

// OrganizationsNamed returns the organizations named exactly name (case
// included; names may repeat). Logto's `q` (a case-insensitive match on id
// and name) narrows the listing; a name with a backslash is matched in the
// full listing.
func (c *Client) OrganizationsNamed(ctx context.Context, name string) ([]Organization, error) {
	q := url.Values{}
	if !strings.Contains(name, `\`) {
		q.Set("q", name)
	}
	all, err := listAll(ctx, c, "/api/organizations", q, func(o *Organization) string { return o.ID })
	if err != nil {
		return nil, err
	}
	var out []Organization
	for _, o := range all {
		if o.Name == name {
			out = append(out, o)
		}
	}
	return out, nil
}

// GetOrganization reads one organization.
func (c *Client) GetOrganization(ctx context.Context, id string) (*Organization, error) {
	var out Organization
	if err := c.do(ctx, http.MethodGet, organizationPath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateOrganization patches an organization; Logto answers the updated row.
func (c *Client) UpdateOrganization(ctx context.Context, id string, in OrganizationPatch) (*Organization, error) {
	var out Organization
	if err := c.do(ctx, http.MethodPatch, organizationPath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteOrganization deletes an organization with its members, applications
// and just-in-time settings.
func (c *Client) DeleteOrganization(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, organizationPath(id), nil, nil, nil)
}
