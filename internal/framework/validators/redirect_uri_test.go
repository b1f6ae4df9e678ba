package validators

import "testing"

func TestCheckRedirectURI(t *testing.T) {
	t.Parallel()
	valid := []string{
		"https://app.example.com/callback",
		"http://localhost:8080/callback",
		"https://a.example.com/cb#frag",
		"io.example.app://callback",
		"com.example+dev-1://auth",
		"https://*.example.com/callback",
		"https://app.example.com/*/callback",
		"http://localhost:3000/cb?x=1",
	}
	for _, raw := range valid {
		if err := CheckRedirectURI(raw); err != nil {
			t.Errorf("CheckRedirectURI(%q) = %v, want nil", raw, err)
		}
	}
	invalid := []string{
		"not a uri",
		"ftp//bad",
		"/relative/path",
		"https://",
		"https://app.example.com/../admin",
		"https://app.example.com/a/%2e%2e/b",
		"1app://callback",
		"htt*p://x.example.com",
		"https://*/callback",
		"https://app.example.com:*/cb",
		"https://app.example.com/cb?x=*",
		"https://user@*.example.com/cb",
		"*.example.com/cb",
	}
	for _, raw := range invalid {
		if err := CheckRedirectURI(raw); err == nil {
			t.Errorf("CheckRedirectURI(%q) = nil, want an error", raw)
		}
	}
}

func TestCheckHTTPURL(t *testing.T) {
	t.Parallel()
	for _, raw := range []string{"https://abc.logto.app", "http://127.0.0.1:3001", "http://localhost"} {
		if err := CheckHTTPURL(raw); err != nil {
			t.Errorf("CheckHTTPURL(%q) = %v, want nil", raw, err)
		}
	}
	for _, raw := range []string{"abc.logto.app", "ftp://x.example.com", "https://", "::"} {
		if err := CheckHTTPURL(raw); err == nil {
			t.Errorf("CheckHTTPURL(%q) = nil, want an error", raw)
		}
	}
}
