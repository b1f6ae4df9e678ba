package emulator

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"encoding/xml"
	"errors"
	"io"
	"strings"
)

// SAML IdP metadata, after Logto's SamlConnector (getSamlIdpMetadata, parseXmlMetadata) and the
// parts of samlify it relies on. The metadata comes from the metadata URL, the inline XML, or
// is built from entityId, signInEndpoint and x509Certificate given by hand.

// samlIdentityProvider reads a SAML connector's IdP metadata. It returns providerConfig's
// identityProvider object {entityId, signInEndpoint, x509Certificate (PEM), certificateExpiresAt,
// isCertificateValid}, or Logto's 400 answer (connector.invalid_metadata or
// connector.invalid_certificate).
func (s *Server) samlIdentityProvider(ctx context.Context, config JSONObject) (ordered, reply) {
	var meta samlMetadata
	switch {
	case config["metadataUrl"] != nil:
		metadataURL, _ := config["metadataUrl"].(string)
		body, fetchErr := s.fetchIdP(ctx, metadataURL)
		if fetchErr != nil {
			return nil, ssoConnectorError(ssoErrorCodeInvalidMeta,
				kv{"message", ssoFailToFetchConfig}, kv{"error", fetchErr.data})
		}
		parsed, failed := parseSAMLMetadataXML(body)
		if failed != nil {
			return nil, failed
		}
		meta = parsed
	case config["metadata"] != nil:
		xmlText, _ := config["metadata"].(string)
		parsed, failed := parseSAMLMetadataXML(xmlText)
		if failed != nil {
			return nil, failed
		}
		meta = parsed
	default:
		// samlify builds metadata from the three values; the certificate is normalized on the way.
		entityID, _ := config["entityId"].(string)
		endpoint, _ := config["signInEndpoint"].(string)
		cert, _ := config["x509Certificate"].(string)
		meta = samlMetadata{entityID: &entityID, signInEndpoint: &endpoint}
		if normalized := normalizeCertificate(cert); normalized != "" {
			meta.certificate = &normalized
		}
	}
	return s.samlIdentityProviderDetails(meta)
}

// samlIdentityProviderDetails checks the certificate and the required values, like Logto's
// parseXmlMetadata.
func (s *Server) samlIdentityProviderDetails(meta samlMetadata) (ordered, reply) {
	var raw ordered
	if meta.entityID != nil {
		raw = append(raw, kv{"entityId", *meta.entityID})
	}
	if meta.signInEndpoint != nil {
		raw = append(raw, kv{"signInEndpoint", *meta.signInEndpoint})
	}
	var rawCert any // null when the metadata has no certificate
	if meta.certificate != nil {
		rawCert = *meta.certificate
	}
	cert, certErr := parseCertificate(meta.certificate)
	if certErr != nil {
		config := append(append(ordered{}, raw...), kv{"x509Certificate", rawCert})
		return nil, ssoConnectorError(ssoErrorCodeInvalidCert, kv{"config", config}, kv{"error", certErr})
	}
	expiresAt := cert.NotAfter.UnixMilli()
	pemText := string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}))
	if meta.entityID == nil || meta.signInEndpoint == nil {
		payload := append(append(ordered{}, raw...),
			kv{"certificateExpiresAt", expiresAt},
			kv{"isCertificateValid", expiresAt > s.now().UnixMilli()},
			kv{"x509Certificate", pemText})
		z := &zodIssues{}
		if meta.entityID == nil {
			z.invalidType(path{"entityId"}, "string", "undefined")
		}
		if meta.signInEndpoint == nil {
			z.invalidType(path{"signInEndpoint"}, "string", "undefined")
		}
		return nil, ssoConnectorError(ssoErrorCodeInvalidMeta, kv{"message", ssoInvalidConnectorConfig},
			kv{"metadata", payload}, kv{"error", z.zodError()})
	}
	return ordered{
		{"entityId", *meta.entityID},
		{"signInEndpoint", *meta.signInEndpoint},
		{"x509Certificate", pemText},
		{"certificateExpiresAt", expiresAt},
		{"isCertificateValid", expiresAt > s.now().UnixMilli()},
	}, nil
}

// samlMetadata holds what Logto reads from IdP metadata; nil means absent.
type samlMetadata struct {
	entityID       *string
	signInEndpoint *string
	certificate    *string
}

// xmlElement is a parsed XML element, matched by local name as samlify's XPath does.
type xmlElement struct {
	name     string
	attrs    map[string]string
	text     strings.Builder
	children []*xmlElement
}

func (e *xmlElement) child(local string) []*xmlElement {
	var out []*xmlElement
	for _, c := range e.children {
		if c.name == local {
			out = append(out, c)
		}
	}
	return out
}

// parseSAMLMetadataXML parses IdP metadata. XML that is not well-formed is answered with 400
// connector.invalid_metadata (message invalid_saml_xml_metadata), which is what Logto's code
// means to do (its own validator call cannot fail; samlify's parser may then throw instead).
func parseSAMLMetadataXML(text string) (samlMetadata, reply) {
	root, err := parseXMLTree(text)
	if err != nil {
		return samlMetadata{}, ssoConnectorError(ssoErrorCodeInvalidMeta, kv{"message", ssoInvalidSAMLXMLMetadata},
			kv{"metadata", text}, kv{"error", ordered{{"message", err.Error()}}})
	}
	var meta samlMetadata
	if root.name != "EntityDescriptor" {
		return meta, nil
	}
	if id, ok := root.attrs["entityID"]; ok {
		meta.entityID = &id
	}
	for _, descriptor := range root.child("IDPSSODescriptor") {
		for _, service := range descriptor.child("SingleSignOnService") {
			if location, ok := service.attrs["Location"]; ok && service.attrs["Binding"] == samlRedirectBinding && meta.signInEndpoint == nil {
				meta.signInEndpoint = &location
			}
		}
	}
	// samlify: one certificate in all key descriptors serves both uses; otherwise the first one
	// of a KeyDescriptor use="signing".
	var all, signing []string
	for _, descriptor := range root.children {
		if !strings.Contains(descriptor.name, "SSODescriptor") {
			continue
		}
		for _, key := range descriptor.child("KeyDescriptor") {
			for _, info := range key.child("KeyInfo") {
				for _, data := range info.child("X509Data") {
					for _, cert := range data.child("X509Certificate") {
						all = append(all, cert.text.String())
						if key.attrs["use"] == "signing" {
							signing = append(signing, cert.text.String())
						}
					}
				}
			}
		}
	}
	switch {
	case len(all) == 1:
		meta.certificate = &all[0]
	case len(signing) > 0:
		meta.certificate = &signing[0]
	}
	return meta, nil
}

// parseXMLTree parses a well-formed XML document into a tree of elements (local names).
func parseXMLTree(text string) (*xmlElement, error) {
	dec := xml.NewDecoder(strings.NewReader(text))
	dec.Strict = true
	var root *xmlElement
	var stack []*xmlElement
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			el := &xmlElement{name: t.Name.Local, attrs: map[string]string{}}
			for _, a := range t.Attr {
				el.attrs[a.Name.Local] = a.Value
			}
			switch {
			case len(stack) > 0:
				parent := stack[len(stack)-1]
				parent.children = append(parent.children, el)
			case root != nil:
				return nil, errors.New("more than one root element")
			default:
				root = el
			}
			stack = append(stack, el)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			} else if strings.TrimSpace(string(t)) != "" {
				return nil, errors.New("text outside the root element")
			}
		}
	}
	if root == nil {
		return nil, errors.New("no root element")
	}
	return root, nil
}

// normalizeCertificate is samlify's normalizeCerString: the PEM armor, line breaks, spaces and
// tabs removed.
func normalizeCertificate(cert string) string {
	cert = strings.NewReplacer("\n", "", "\r", "").Replace(cert)
	cert = strings.Replace(cert, "-----BEGIN CERTIFICATE-----", "", 1)
	cert = strings.Replace(cert, "-----END CERTIFICATE-----", "", 1)
	return strings.NewReplacer(" ", "", "\t", "").Replace(cert)
}

// parseCertificate is Logto's getPemCertificate (Node's X509Certificate): it returns the
// certificate, or the error data Logto shows. The OpenSSL error of a bad base64 body is the one
// captured from Logto; the others are approximations.
func parseCertificate(raw *string) (*x509.Certificate, any) {
	if raw == nil {
		return nil, ordered{} // a TypeError, which JSON shows as {}
	}
	body := strings.Join(strings.Fields(normalizeCertificate(*raw)), "")
	der, err := base64.StdEncoding.DecodeString(body)
	if err != nil {
		der, err = base64.RawStdEncoding.DecodeString(body)
	}
	if err != nil {
		return nil, ordered{{"library", "PEM routines"}, {"reason", "bad base64 decode"}, {"code", "ERR_OSSL_PEM_BAD_BASE64_DECODE"}}
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, ordered{{"library", "asn1 encoding routines"}, {"reason", "wrong tag"}, {"code", "ERR_OSSL_ASN1_WRONG_TAG"}}
	}
	return cert, nil
}
