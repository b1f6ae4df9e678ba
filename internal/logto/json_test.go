package logto

import (
	"encoding/json"
	"slices"
	"testing"
)

func TestOIDCClientMetadata_RoundTripKeepsUnknownFields(t *testing.T) {
	in := `{"redirectUris":["https://a.example.com/cb"],"postLogoutRedirectUris":[],` +
		`"backchannelLogoutUri":"https://a.example.com/bc","backchannelLogoutSessionRequired":true,"logoUri":"https://a.example.com/l.png"}`
	var m OIDCClientMetadata
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.RedirectURIs, []string{"https://a.example.com/cb"}) || len(m.PostLogoutRedirectURIs) != 0 {
		t.Errorf("known fields = %+v", m)
	}
	if len(m.Extra) != 3 || string(m.Extra["logoUri"]) != `"https://a.example.com/l.png"` {
		t.Errorf("extra = %v", m.Extra)
	}
	if _, ok := m.Extra["redirectUris"]; ok {
		t.Error("a known key is in Extra")
	}
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	if !jsonEqual(t, string(out), in) {
		t.Errorf("round trip = %s", out)
	}
}

func TestOIDCClientMetadata_EmptySlicesEncodeAsArrays(t *testing.T) {
	for _, m := range []OIDCClientMetadata{{}, {RedirectURIs: []string{}}} {
		out, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != `{"redirectUris":[],"postLogoutRedirectUris":[]}` {
			t.Errorf("Marshal(%+v) = %s", m, out)
		}
	}
	// Through a pointer field too (as in ApplicationPatch).
	out, _ := json.Marshal(ApplicationPatch{OIDCClientMetadata: &OIDCClientMetadata{}})
	if string(out) != `{"oidcClientMetadata":{"redirectUris":[],"postLogoutRedirectUris":[]}}` {
		t.Errorf("patch = %s", out)
	}
}

func TestOIDCClientMetadata_KnownFieldsWinOverExtra(t *testing.T) {
	m := OIDCClientMetadata{
		RedirectURIs: []string{"https://new.example.com"},
		Extra: map[string]json.RawMessage{
			"redirectUris":           json.RawMessage(`["https://old.example.com"]`),
			"postLogoutRedirectUris": json.RawMessage(`["https://old.example.com"]`),
			"logoUri":                json.RawMessage(`"x"`),
		},
	}
	out, _ := json.Marshal(m)
	want := `{"logoUri":"x","postLogoutRedirectUris":[],"redirectUris":["https://new.example.com"]}`
	if string(out) != want {
		t.Errorf("Marshal = %s\nwant      %s", out, want)
	}
}

func TestOIDCClientMetadata_UnmarshalResetsAndHandlesNull(t *testing.T) {
	m := OIDCClientMetadata{RedirectURIs: []string{"stale"}, Extra: map[string]json.RawMessage{"stale": nil}}
	if err := json.Unmarshal([]byte(`{"redirectUris":["a"],"postLogoutRedirectUris":null}`), &m); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(m.RedirectURIs, []string{"a"}) || m.PostLogoutRedirectURIs != nil || m.Extra != nil {
		t.Errorf("got %+v", m)
	}
	if err := json.Unmarshal([]byte(`["not an object"]`), &m); err == nil {
		t.Error("no error for an array")
	}
}

func TestCustomClientMetadata_RoundTrip(t *testing.T) {
	in := `{"corsAllowedOrigins":["https://a.example.com"],"idTokenTtl":3600,"refreshTokenTtlInDays":14,` +
		`"rotateRefreshToken":true,"alwaysIssueRefreshToken":false,"allowTokenExchange":true,"futureField":{"a":[1,2]}}`
	var m CustomClientMetadata
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if m.IDTokenTTL == nil || *m.IDTokenTTL != 3600 || m.AlwaysIssueRefreshToken == nil || *m.AlwaysIssueRefreshToken {
		t.Errorf("known fields = %+v", m)
	}
	if len(m.Extra) != 2 {
		t.Errorf("extra = %v", m.Extra)
	}
	out, _ := json.Marshal(m)
	if !jsonEqual(t, string(out), in) {
		t.Errorf("round trip = %s", out)
	}

	var empty CustomClientMetadata
	if err := json.Unmarshal([]byte(`{}`), &empty); err != nil {
		t.Fatal(err)
	}
	if out, _ := json.Marshal(empty); string(out) != `{}` {
		t.Errorf("empty = %s", out)
	}
	// An omitted known field does not let an Extra entry of the same key through.
	withStale := CustomClientMetadata{Extra: map[string]json.RawMessage{"idTokenTtl": json.RawMessage(`60`), "k": json.RawMessage(`1`)}}
	if out, _ := json.Marshal(withStale); string(out) != `{"k":1}` {
		t.Errorf("stale known key = %s", out)
	}
}

func TestProtectedAppMetadata_RoundTrip(t *testing.T) {
	in := `{"host":"my-app.protected.example.com","origin":"https://origin.example.com","sessionDuration":1209600,` +
		`"pageRules":[{"path":"^/admin"}],"customDomains":[]}`
	var m ProtectedAppMetadata
	if err := json.Unmarshal([]byte(in), &m); err != nil {
		t.Fatal(err)
	}
	if m.Host != "my-app.protected.example.com" || m.SessionDuration != 1209600 || len(m.Extra) != 2 {
		t.Errorf("got %+v", m)
	}
	out, _ := json.Marshal(m)
	if !jsonEqual(t, string(out), in) {
		t.Errorf("round trip = %s", out)
	}
}

func TestApplication_DecodeSample(t *testing.T) {
	in := `{"tenantId":"default","id":"z29y90s4ilg51o9yadb46","name":"tf-traditional-s1","description":null,"type":"Traditional",
	"oidcClientMetadata":{"redirectUris":["https://app.example.com/callback"],"postLogoutRedirectUris":[]},
	"customClientMetadata":{"refreshTokenTtlInDays":14,"rotateRefreshToken":true},
	"protectedAppMetadata":null,"customData":{"team":"platform"},"isThirdParty":false,
	"appLevelAccessControlEnabled":false,"createdAt":1795272484158,"isAdmin":false}`
	var app Application
	if err := json.Unmarshal([]byte(in), &app); err != nil {
		t.Fatal(err)
	}
	if app.ID != "z29y90s4ilg51o9yadb46" || app.Description != nil || app.ProtectedAppMetadata != nil ||
		*app.CustomClientMetadata.RefreshTokenTTLInDays != 14 || app.CreatedAt != 1795272484158 ||
		!jsonEqual(t, string(app.CustomData), `{"team":"platform"}`) {
		t.Errorf("got %+v", app)
	}
}

func TestNullable(t *testing.T) {
	type patch struct {
		Description Nullable[string] `json:"description,omitzero"`
		Count       Nullable[int]    `json:"count,omitzero"`
		Plain       Nullable[string] `json:"plain"`
	}
	tests := []struct {
		in   patch
		want string
	}{
		{patch{}, `{"plain":null}`},
		{patch{Description: NullableNull[string]()}, `{"description":null,"plain":null}`},
		{patch{Description: NullableValue("hi"), Count: NullableValue(0), Plain: NullableValue("")}, `{"description":"hi","count":0,"plain":""}`},
		{patch{Description: NullableFromPointer[string](nil)}, `{"description":null,"plain":null}`},
	}
	for _, tt := range tests {
		out, err := json.Marshal(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != tt.want {
			t.Errorf("Marshal = %s, want %s", out, tt.want)
		}
	}

	var p patch
	if err := json.Unmarshal([]byte(`{"description":null,"count":7}`), &p); err != nil {
		t.Fatal(err)
	}
	if !p.Description.IsNull() || p.Description.IsZero() {
		t.Error("null did not decode as null")
	}
	if v, ok := p.Count.Get(); !ok || v != 7 {
		t.Errorf("count = %v, %v", v, ok)
	}
	if !p.Plain.IsZero() {
		t.Error("an absent key did not stay left out")
	}
	s := "x"
	if v, ok := NullableFromPointer(&s).Get(); !ok || v != "x" {
		t.Error("NullableFromPointer(&x)")
	}
}
