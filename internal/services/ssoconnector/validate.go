package ssoconnector

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// publicEmailDomains are the domains Logto refuses as SSO domains (its
// singleSignOnDomainBlackList, 422 single_sign_on.forbidden_domains): public
// mailbox providers, whose users belong to no one organization.
var publicEmailDomains = []string{
	"gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "live.com", "icloud.com", "aol.com",
	"yandex.com", "mail.com", "protonmail.com", "yanex.com", "gmx.com", "mail.ru", "zoho.com",
	"qq.com", "163.com", "126.com", "sina.com", "sohu.com",
}

// CheckEmailDomain returns why d is not an email domain Logto can route to a
// connector, or nil: a lowercase DNS name of at least two labels (Logto
// lowercases domains, so an uppercase one would never read back as written),
// not a public mailbox domain.
func CheckEmailDomain(d string) error {
	switch {
	case strings.Contains(d, "@"):
		return fmt.Errorf("%q must be the domain alone, without the user part or @ (for example %q)", d, d[strings.LastIndex(d, "@")+1:])
	case strings.ToLower(d) != d:
		return fmt.Errorf("%q must be lowercase (%q): Logto stores domains lowercased", d, strings.ToLower(d))
	case len(d) > 253:
		return fmt.Errorf("%q is longer than 253 characters", d)
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return fmt.Errorf("%q is not a domain name: it needs a dot, as in acme.com", d)
	}
	for _, l := range labels {
		switch {
		case l == "":
			return fmt.Errorf("%q has an empty label (leading, trailing or double dot)", d)
		case len(l) > 63:
			return fmt.Errorf("%q has a label longer than 63 characters", d)
		case l[0] == '-' || l[len(l)-1] == '-':
			return fmt.Errorf("%q has a label that starts or ends with a hyphen", d)
		}
		for _, c := range l {
			if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
				return fmt.Errorf("%q may hold only letters, digits, hyphens and dots (write internationalized names in punycode, xn--…)", d)
			}
		}
	}
	if slices.Contains(publicEmailDomains, d) {
		return fmt.Errorf("%q is a public email domain, which Logto refuses for enterprise SSO", d)
	}
	return nil
}

// EmailDomain validates an SSO email domain (see CheckEmailDomain).
func EmailDomain() validator.String {
	return stringCheck{desc: "value must be a lowercase email domain such as acme.com", check: CheckEmailDomain, summary: "Invalid Email Domain"}
}

// CheckPEMCertificate returns why s is not an X.509 certificate in PEM
// encoding, or nil. Like Logto, it also accepts the certificate's base64 body
// without the BEGIN/END lines.
func CheckPEMCertificate(s string) error {
	body := strings.TrimSpace(s)
	if strings.Contains(body, "-----BEGIN") {
		block, rest := pem.Decode([]byte(body))
		switch {
		case block == nil:
			return errors.New("the PEM block cannot be read: check the -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines")
		case block.Type != "CERTIFICATE":
			return fmt.Errorf("the PEM block is a %q, not a CERTIFICATE", block.Type)
		case len(strings.TrimSpace(string(rest))) > 0:
			return errors.New("there is text after the certificate's -----END CERTIFICATE----- line")
		}
		if _, err := x509.ParseCertificate(block.Bytes); err != nil {
			return fmt.Errorf("the PEM block is not an X.509 certificate: %w", err)
		}
		return nil
	}
	der, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(body), ""))
	if err != nil {
		return errors.New("the value is neither a PEM certificate (-----BEGIN CERTIFICATE----- …) nor a certificate's base64 body")
	}
	if _, err := x509.ParseCertificate(der); err != nil {
		return fmt.Errorf("the base64 body is not an X.509 certificate: %w", err)
	}
	return nil
}

// PEMCertificate validates a signing certificate (see CheckPEMCertificate).
func PEMCertificate() validator.String {
	return stringCheck{desc: "value must be an X.509 certificate in PEM encoding", check: CheckPEMCertificate, summary: "Invalid Certificate"}
}

// CheckSAMLMetadataXML returns why s is not well-formed XML with an
// EntityDescriptor, or nil.
func CheckSAMLMetadataXML(s string) error {
	dec := xml.NewDecoder(strings.NewReader(s))
	found := false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("the metadata is not well-formed XML: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "EntityDescriptor" {
			found = true
		}
	}
	if !found {
		return errors.New("the metadata has no EntityDescriptor element: it is not SAML metadata")
	}
	return nil
}

// SAMLMetadataXML validates inline SAML metadata (see CheckSAMLMetadataXML).
func SAMLMetadataXML() validator.String {
	return stringCheck{desc: "value must be SAML metadata XML", check: CheckSAMLMetadataXML, summary: "Invalid SAML Metadata"}
}

// stringCheck turns a check function into a string validator.
type stringCheck struct {
	desc, summary string
	check         func(string) error
}

func (v stringCheck) Description(context.Context) string { return v.desc }

func (v stringCheck) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v stringCheck) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, v.summary, err.Error()+".")
	}
}

// sharedEntraTenants are the tenant segments of Microsoft's shared (multi-
// tenant) endpoints.
var sharedEntraTenants = []string{"common", "organizations", "consumers"}

// sharedEntraIssuer reports whether issuer is one of Microsoft Entra ID's
// shared endpoints (https://login.microsoftonline.com/common/v2.0 and the
// like) rather than one tenant's, and returns the tenant segment.
func sharedEntraIssuer(issuer string) (string, bool) {
	u, err := url.Parse(issuer)
	if err != nil {
		return "", false
	}
	first, _, _ := strings.Cut(strings.TrimPrefix(u.Path, "/"), "/")
	first = strings.ToLower(first)
	return first, slices.Contains(sharedEntraTenants, first)
}
