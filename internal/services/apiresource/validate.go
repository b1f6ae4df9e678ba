package apiresource

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// AbsoluteURI returns a validator for resource indicators: an absolute URI
// (RFC 8707: a scheme, and no fragment), such as `https://api.example.com` or
// `urn:example:api`. Logto itself accepts any non-empty string, but tokens
// for an indicator that is not an absolute URI cannot be requested by
// standard OAuth 2.0 clients.
func AbsoluteURI() validator.String { return absoluteURIValidator{} }

type absoluteURIValidator struct{}

func (absoluteURIValidator) Description(context.Context) string {
	return "value must be an absolute URI (scheme:…, for example https://api.example.com) without a fragment"
}

func (v absoluteURIValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (absoluteURIValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if problem := indicatorProblem(req.ConfigValue.ValueString()); problem != "" {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid API Resource Indicator",
			fmt.Sprintf("The indicator %q %s. Use an absolute URI such as https://api.example.com "+
				"(RFC 8707 resource indicator), which clients send as the resource parameter.", req.ConfigValue.ValueString(), problem))
	}
}

// indicatorProblem says what is wrong with an indicator, "" when nothing.
func indicatorProblem(s string) string {
	if strings.ContainsFunc(s, unicode.IsSpace) {
		return "contains white space"
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return "is not a URI"
	case u.Scheme == "":
		return "is not an absolute URI (it has no scheme)"
	case u.Fragment != "" || strings.Contains(s, "#"):
		return "has a fragment (#…), which a resource indicator must not have"
	case u.Host == "" && u.Opaque == "":
		return "has no host"
	}
	return ""
}

// ScopeName returns a validator for scope names: Logto rejects names with a
// space (400 scope.name_with_space), and OAuth 2.0 separates scopes with
// white space, so no white space at all is allowed.
func ScopeName() validator.String { return scopeNameValidator{} }

type scopeNameValidator struct{}

func (scopeNameValidator) Description(context.Context) string {
	return "value must not contain spaces or other white space"
}

func (v scopeNameValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (scopeNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if strings.ContainsFunc(req.ConfigValue.ValueString(), unicode.IsSpace) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Scope Name",
			fmt.Sprintf("The scope name %q contains white space. OAuth 2.0 separates scopes with spaces, and "+
				"Logto rejects such names (scope.name_with_space); use a name like read:items.", req.ConfigValue.ValueString()))
	}
}
