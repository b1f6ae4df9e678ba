package logging

import (
	"maps"
	"testing"
)

func TestWanted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		environ []string
		debug   bool
		want    bool
	}{
		{"nothing set", []string{"HOME=/root", "PATH=/bin"}, false, false},
		{"debug mode", nil, true, true},
		{"TF_LOG", []string{"TF_LOG=TRACE"}, false, true},
		{"TF_LOG=off still counts as set", []string{"TF_LOG=off"}, false, true},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, false, true},
		{"TF_LOG_PROVIDER_LOGTO", []string{"TF_LOG_PROVIDER_LOGTO=TRACE"}, false, true},
		{"TF_LOG_SDK", []string{"TF_LOG_SDK=TRACE"}, false, true},
		{"TF_LOG_SDK_PROTO", []string{"TF_LOG_SDK_PROTO=TRACE"}, false, true},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=TRACE"}, false, true},
		{"TF_LOG_SDK_PROTO_DATA_DIR", []string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, false, true},
		{"TF_ACC_LOG_PATH (plugin-testing logs at TRACE)", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, false, true},
		{"TF_LOG_PATH alone", []string{"TF_LOG_PATH=/tmp/tf.log"}, false, false},
		{"TF_LOG_PATH_MASK alone", []string{"TF_LOG_PATH_MASK=/tmp/%s.log"}, false, false},
		{"TF_LOG_CORE alone (Terraform's own lines)", []string{"TF_LOG_CORE=TRACE"}, false, false},
		{"empty TF_LOG", []string{"TF_LOG="}, false, false},
		{"empty TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER="}, false, false},
		{"malformed entry", []string{"TF_LOG"}, false, false},
		{"a value mentioning TF_LOG", []string{"OTHER=TF_LOG=TRACE"}, false, false},
		{"file and level", []string{"TF_LOG_PATH=/tmp/tf.log", "TF_LOG=DEBUG"}, false, true},
	} {
		if got := Wanted(tc.environ, tc.debug); got != tc.want {
			t.Errorf("%s: Wanted(%q, %v) = %v, want %v", tc.name, tc.environ, tc.debug, got, tc.want)
		}
	}
}

func TestQuietEnv(t *testing.T) {
	t.Parallel()
	want := map[string]string{
		"TF_LOG_SDK":            "OFF",
		"TF_LOG_SDK_PROTO":      "OFF",
		"TF_LOG_SDK_FRAMEWORK":  "OFF",
		"TF_LOG_PROVIDER_LOGTO": "OFF",
	}
	if got := QuietEnv("logto"); !maps.Equal(got, want) {
		t.Errorf("QuietEnv(logto) = %v, want %v", got, want)
	}
	if got := QuietEnv("my-cloud"); got["TF_LOG_PROVIDER_MY_CLOUD"] != "OFF" {
		t.Errorf("QuietEnv(my-cloud) = %v, want TF_LOG_PROVIDER_MY_CLOUD=OFF (terraform-plugin-go turns - into _)", got)
	}
}

func TestQuiet(t *testing.T) {
	t.Parallel()
	set := map[string]string{}
	setenv := func(k, v string) { set[k] = v }
	if Quiet([]string{"TF_LOG=DEBUG"}, false, "logto", setenv) != true || len(set) != 0 {
		t.Errorf("with TF_LOG set: want logs wanted and nothing set, got %v", set)
	}
	if Quiet(nil, true, "logto", setenv) != true || len(set) != 0 {
		t.Errorf("in debug mode: want logs wanted and nothing set, got %v", set)
	}
	if Quiet([]string{"TF_LOG_PATH=/tmp/x"}, false, "logto", setenv) != false || !maps.Equal(set, QuietEnv("logto")) {
		t.Errorf("with no level variable: want logs not wanted and %v set, got %v", QuietEnv("logto"), set)
	}
}
