package emulator

import (
	"context"
	"net/http"
	"sync"
)

// registerSSOConnectors adds /api/sso-connector-providers and /api/sso-connectors.
func (s *Server) registerSSOConnectors(rt *router) {
	rt.handle(http.MethodGet, "/api/sso-connector-providers", managementAPI, s.listSSOConnectorProviders)
	rt.handle(http.MethodGet, "/api/sso-connectors", managementAPI, s.listSSOConnectors)
	rt.handle(http.MethodPost, "/api/sso-connectors", managementAPI, s.createSSOConnector)
	rt.handle(http.MethodGet, "/api/sso-connectors/{id}", managementAPI, s.getSSOConnector)
	rt.handle(http.MethodPatch, "/api/sso-connectors/{id}", managementAPI, s.patchSSOConnector)
	rt.handle(http.MethodDelete, "/api/sso-connectors/{id}", managementAPI, s.deleteSSOConnector)
}

// newShortID is Logto's generateStandardShortId: 12 characters, digits and lowercase letters.
func newShortID() string { return randomString(lowercaseAlphabet, 12) }

const ssoConnectorsTable = "sso_connectors"

// createSSOConnector is POST /api/sso-connectors. It answers 200 with the stored row (no
// provider details). Checks run in Logto's order: body guard (400), provider (422), domains
// (422), config guard (400), unique name (409), identity provider reachable (400), token
// storage (422: no secret vault on self-hosted Logto).
func (s *Server) createSSOConnector(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseSSOConnectorCreate(body)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	provider, ok := ssoProvider(*in.ProviderName)
	if !ok {
		replyPhrase(http.StatusUnprocessableEntity, "connector.not_found", "type", *in.ProviderName)(w)
		return
	}
	domains := lowercaseDomains(in.Domains)
	if failed := validateSSODomains(domains); failed != nil {
		failed(w)
		return
	}
	var config JSONObject
	if in.Config != nil {
		if config, ok = parseSSOConfig(provider.ProviderName, in.Config); !ok {
			writeErrorMessage(w, http.StatusBadRequest, "connector.invalid_config", ssoPhrase("connector.invalid_config"))
			return
		}
	}
	name := *in.ConnectorName
	if s.ssoConnectorNameTaken(name, "") {
		replyPhrase(http.StatusConflict, "single_sign_on.duplicate_connector_name")(w)
		return
	}
	if config != nil {
		if failed := s.checkSSOConnection(r.Context(), provider.ProviderName, config); failed != nil {
			failed(w)
			return
		}
	}
	if isTrue(in.EnableTokenStorage) {
		replyPhrase(http.StatusUnprocessableEntity, "request.feature_not_supported")(w)
		return
	}

	connector := SSOConnector{
		TenantID:      defaultTenantID,
		ID:            newShortID(),
		ProviderName:  provider.ProviderName,
		ConnectorName: name,
		Config:        JSONObject{},
		Domains:       []string{},
		CreatedAt:     s.now().UnixMilli(),
	}
	if config != nil {
		connector.Config = config
	}
	if domains != nil {
		connector.Domains = domains
	}
	if in.Branding != nil {
		connector.Branding = *in.Branding
	}
	connector.SyncProfile = isTrue(in.SyncProfile)
	s.withState(w, func() reply {
		if s.ssoConnectorNameTakenLocked(name, "") { // created meanwhile
			return replyPhrase(http.StatusConflict, "single_sign_on.duplicate_connector_name")
		}
		s.putSSOConnectorLocked(connector)
		return s.replyCommitted(replyJSON(http.StatusOK, connector.clone()))
	})
}

// ssoConnectorNameTaken reports whether another connector than exceptID has this name.
func (s *Server) ssoConnectorNameTaken(name, exceptID string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ssoConnectorNameTakenLocked(name, exceptID)
}

// ssoConnectorSnapshot returns a copy of a stored connector.
func (s *Server) ssoConnectorSnapshot(id string) (SSOConnector, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rec, ok := s.sso.connectors[id]
	if !ok {
		return SSOConnector{}, false
	}
	return rec.Connector.clone(), true
}

// ssoConnectorDetailOf adds the provider's details and providerConfig to a connector; reading
// providerConfig may contact the identity provider.
func (s *Server) ssoConnectorDetailOf(ctx context.Context, endpoint string, c SSOConnector) ssoConnectorDetail {
	provider, _ := ssoProvider(c.ProviderName)
	return ssoConnectorDetail{
		SSOConnector:     c,
		Name:             provider.Name,
		ProviderType:     provider.ProviderType,
		ProviderLogo:     provider.Logo,
		ProviderLogoDark: provider.LogoDark,
		ProviderConfig:   s.ssoProviderConfig(ctx, endpoint, c),
	}
}

// getSSOConnector is GET /api/sso-connectors/{id}: the connector with provider details.
func (s *Server) getSSOConnector(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	connector, ok := s.ssoConnectorSnapshot(id)
	if !ok {
		writeNotExistsWithID(w, ssoConnectorsTable, id)
		return
	}
	writeJSON(w, http.StatusOK, s.ssoConnectorDetailOf(r.Context(), origin(r), connector))
}

// listSSOConnectors is GET /api/sso-connectors: every connector with provider details, in table
// order; paging is optional (Total-Number and Link only when page or page_size is given).
func (s *Server) listSSOConnectors(w http.ResponseWriter, r *http.Request) {
	pairs := parseQueryOrdered(r.URL.RawQuery)
	paging, ok := parsePagination(w, pairs, true)
	if !ok {
		return
	}
	s.mu.Lock()
	records := s.sortedSSOConnectorsLocked()
	total := len(records)
	page := pageOf(records, paging)
	connectors := make([]SSOConnector, len(page))
	for i, rec := range page {
		connectors[i] = rec.Connector.clone()
	}
	s.mu.Unlock()

	out := make([]ssoConnectorDetail, len(connectors))
	endpoint := origin(r)
	var wg sync.WaitGroup
	for i, c := range connectors {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = s.ssoConnectorDetailOf(r.Context(), endpoint, c)
		}()
	}
	wg.Wait()
	if !paging.disabled {
		writePagingHeaders(w, r, pairs, paging, total)
	}
	writeJSON(w, http.StatusOK, out)
}

// patchSSOConnector is PATCH /api/sso-connectors/{id}. Given keys replace whole values (config
// and branding included); a new config is validated by the provider's guard and its identity
// provider is contacted again. A body without a known key changes nothing and answers the
// connector. The answer carries the provider details, like GET.
func (s *Server) patchSSOConnector(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil {
		writeBodyParseError(w, err)
		return
	}
	in, issues := parseSSOConnectorPatch(body)
	if !issues.empty() {
		writeGuardError(w, "body", issues)
		return
	}
	id := r.PathValue("id")
	current, ok := s.ssoConnectorSnapshot(id)
	if !ok {
		writeNotExistsWithID(w, ssoConnectorsTable, id)
		return
	}
	domains := lowercaseDomains(in.Domains)
	if failed := validateSSODomains(domains); failed != nil {
		failed(w)
		return
	}
	if in.ConnectorName != nil && s.ssoConnectorNameTaken(*in.ConnectorName, id) {
		replyPhrase(http.StatusConflict, "single_sign_on.duplicate_connector_name")(w)
		return
	}
	var config JSONObject
	if in.Config != nil {
		if config, ok = parseSSOConfig(current.ProviderName, in.Config); !ok {
			writeErrorMessage(w, http.StatusBadRequest, "connector.invalid_config", ssoPhrase("connector.invalid_config"))
			return
		}
		if failed := s.checkSSOConnection(r.Context(), current.ProviderName, config); failed != nil {
			failed(w)
			return
		}
	}
	if isTrue(in.EnableTokenStorage) {
		replyPhrase(http.StatusUnprocessableEntity, "request.feature_not_supported")(w)
		return
	}

	updated := current
	if in.hasUpdates() {
		var failed reply
		s.mu.Lock()
		rec, exists := s.sso.connectors[id]
		switch {
		case !exists:
			failed = replyNotExistsWithID(ssoConnectorsTable, id)
		case in.ConnectorName != nil && s.ssoConnectorNameTakenLocked(*in.ConnectorName, id):
			failed = replyPhrase(http.StatusConflict, "single_sign_on.duplicate_connector_name")
		default:
			applySSOConnectorPatch(&rec.Connector, in, config, domains)
			s.sso.seq++
			rec.seq = s.sso.seq // an updated row moves to the end of the heap
			updated = rec.Connector.clone()
			if err := s.commitLocked(); err != nil {
				failed = writeInternalError
			}
		}
		s.mu.Unlock()
		if failed != nil {
			failed(w)
			return
		}
	}
	writeJSON(w, http.StatusOK, s.ssoConnectorDetailOf(r.Context(), origin(r), updated))
}

// ssoConnectorNameTakenLocked is ssoConnectorNameTaken for a caller holding s.mu.
func (s *Server) ssoConnectorNameTakenLocked(name, exceptID string) bool {
	rec := s.ssoConnectorByNameLocked(name)
	return rec != nil && rec.Connector.ID != exceptID
}

func applySSOConnectorPatch(c *SSOConnector, in *ssoConnectorInput, config JSONObject, domains []string) {
	if config != nil {
		c.Config = config
	}
	if domains != nil {
		c.Domains = domains
	}
	if in.ConnectorName != nil {
		c.ConnectorName = *in.ConnectorName
	}
	if in.Branding != nil {
		c.Branding = *in.Branding
	}
	if in.SyncProfile != nil {
		c.SyncProfile = *in.SyncProfile
	}
	if in.EnableTokenStorage != nil {
		c.EnableTokenStorage = *in.EnableTokenStorage
	}
}

// deleteSSOConnector is DELETE /api/sso-connectors/{id}: 204, or 404.
func (s *Server) deleteSSOConnector(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	s.withState(w, func() reply {
		if _, ok := s.sso.connectors[id]; !ok {
			return replyNotExistsWithID(ssoConnectorsTable, id)
		}
		delete(s.sso.connectors, id)
		s.forgetOrganizationSSOConnectorLocked(id)
		return s.replyCommitted(replyStatus(http.StatusNoContent))
	})
}
