package emulator

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// stateVersion is the version of the state file format.
const stateVersion = 1

// stateFile is the JSON document kept in Options.StateFile. Access tokens are not kept: a
// restarted emulator needs new ones, as a Logto with rotated keys would.
type stateFile struct {
	Version      int          `json:"version"`
	Applications []*appRecord `json:"applications"`
	Secrets      []*appSecret `json:"secrets"`
	// Access holds API resources, scopes, roles, users and links; absent in older files.
	Access *accessState `json:"access,omitempty"`
	// SSO holds SSO connectors and the sign-in experience; absent in older files.
	SSO *ssoStateFile `json:"sso,omitempty"`
	// Organizations holds organizations, their template and relations; absent in older files.
	Organizations *organizationState `json:"organizations,omitempty"`
}

// loadState reads the state file into the server, if it exists.
func (s *Server) loadState() error {
	raw, err := os.ReadFile(s.opts.StateFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("emulator: reading state file: %w", err)
	}
	var state stateFile
	if err := json.Unmarshal(raw, &state); err != nil {
		return fmt.Errorf("emulator: parsing state file %s: %w", s.opts.StateFile, err)
	}
	if state.Version != stateVersion {
		return fmt.Errorf("emulator: state file %s has version %d, want %d", s.opts.StateFile, state.Version, stateVersion)
	}
	for _, rec := range state.Applications {
		if rec == nil || rec.App.ID == "" {
			return fmt.Errorf("emulator: state file %s holds an application without id", s.opts.StateFile)
		}
		s.seq++
		rec.seq = s.seq
		normalizeApplication(&rec.App)
		s.apps[rec.App.ID] = rec
	}
	for _, secret := range state.Secrets {
		if secret == nil || s.apps[secret.ApplicationID] == nil {
			continue
		}
		s.secrets[secret.ApplicationID] = append(s.secrets[secret.ApplicationID], secret)
		s.rememberSecretLocked(secret.Value)
	}
	if state.Access != nil {
		s.loadAccessLocked(state.Access)
	}
	if err := s.loadOrganizationState(state.Organizations); err != nil {
		return err
	}
	return s.loadSSOState(state.SSO)
}

// normalizeApplication restores the non-null defaults JSON may have lost.
func normalizeApplication(app *Application) {
	if app.OIDCClientMetadata.RedirectURIs == nil {
		app.OIDCClientMetadata.RedirectURIs = []string{}
	}
	if app.OIDCClientMetadata.PostLogoutRedirectURIs == nil {
		app.OIDCClientMetadata.PostLogoutRedirectURIs = []string{}
	}
	if app.CustomData == nil {
		app.CustomData = JSONObject{}
	}
	if app.TenantID == "" {
		app.TenantID = defaultTenantID
	}
}

// commitLocked writes the state file after a mutation, when one is configured. The caller holds
// s.mu, which also orders concurrent writes.
func (s *Server) commitLocked() error {
	if s.opts.StateFile == "" {
		return nil
	}
	records := make([]*appRecord, 0, len(s.apps))
	for _, rec := range s.apps {
		records = append(records, rec)
	}
	sort.Slice(records, func(i, j int) bool { return records[i].seq < records[j].seq })
	state := stateFile{Version: stateVersion, Applications: records, Secrets: []*appSecret{}}
	for _, rec := range records {
		state.Secrets = append(state.Secrets, s.secrets[rec.App.ID]...)
	}
	state.Access = s.saveAccessLocked()
	state.SSO = s.ssoStateLocked()
	state.Organizations = s.organizationStateLocked()
	raw, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		return err
	}
	return writeFileAtomic(s.opts.StateFile, append(raw, '\n'))
}

// writeFileAtomic writes data to a temporary file in the target's directory, syncs it and
// renames it over the target, so readers see the old or the new content, never a torn one.
func writeFileAtomic(target string, data []byte) (err error) {
	dir := filepath.Dir(target)
	tmp, err := os.CreateTemp(dir, filepath.Base(target)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Sync(); err != nil {
		_ = tmp.Close()
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = os.Chmod(tmp.Name(), 0o600); err != nil {
		return err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return err
	}
	if d, dirErr := os.Open(dir); dirErr == nil {
		_ = d.Sync()
		_ = d.Close()
	}
	return nil
}
