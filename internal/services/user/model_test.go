package user

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/faccc625/terraform-provider-logto/internal/framework"
	"github.com/faccc625/terraform-provider-logto/internal/logto"
)

func TestProfile_roundTrip(t *testing.T) {
	t.Parallel()
	var p logto.UserProfile
	raw := `{"givenName":"Ada","locale":"en-GB","address":{"country":"GB"},"shoeSize":"42"}`
	if err := json.Unmarshal([]byte(raw), &p); err != nil {
		t.Fatal(err)
	}
	v := profileValue(&p)
	attrs := v.Attributes()
	if attrs["given_name"].String() != `"Ada"` || !attrs["nickname"].IsNull() || attrs["address"].IsNull() {
		t.Fatalf("profile value %s", v)
	}
	back := profileFromValue(v)
	out, _ := json.Marshal(back)
	// The claims come back; the unknown one is not part of the attribute
	// (it stays in Logto, since updates merge).
	if want := `{"givenName":"Ada","locale":"en-GB","address":{"country":"GB"}}`; string(out) != want {
		t.Errorf("profileFromValue = %s, want %s", out, want)
	}
	empty := profileValue(&logto.UserProfile{})
	if empty.IsNull() || !empty.Attributes()["address"].IsNull() {
		t.Errorf("empty profile = %s, want an object with a null address", empty)
	}
	if p := profileFromValue(empty); !isEmpty(&p) {
		t.Errorf("profileFromValue(empty) = %+v", p)
	}
}

func TestToPatch_sendsOnlyChangesAndNullClears(t *testing.T) {
	t.Parallel()
	state := Model{
		Username: types.StringValue("ada"), PrimaryEmail: types.StringValue("ada@example.com"),
		PrimaryPhone: types.StringValue("15551234567"), Name: types.StringValue("Ada"), Avatar: types.StringNull(),
		CustomData: framework.NewCanonicalJSONValue(`{"a":1,"b":2}`),
	}
	plan := state
	plan.PrimaryPhone = types.StringNull()
	plan.Name = types.StringValue("Ada King")
	plan.CustomData = framework.NewCanonicalJSONValue(`{"b": 2, "a": 1}`) // same value, other spelling
	out, err := json.Marshal(plan.toPatch(&state))
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"primaryPhone":null,"name":"Ada King"}`; string(out) != want {
		t.Errorf("patch %s, want %s", out, want)
	}
	if p := state.toPatch(&state); !p.IsEmpty() {
		t.Errorf("an unchanged plan patches %+v", p)
	}
}

func TestToCreate_passwordOnlyFromConfig(t *testing.T) {
	t.Parallel()
	m := Model{Username: types.StringValue("ada"), CustomData: framework.NewCanonicalJSONUnknown(), Profile: types.ObjectUnknown(profileAttrTypes)}
	in := m.toCreate(types.StringValue("s3cret"))
	if in.Password == nil || *in.Password != "s3cret" || in.CustomData != nil || in.Profile != nil {
		t.Errorf("create %+v", in)
	}
	if in := m.toCreate(types.StringNull()); in.Password != nil {
		t.Error("a null password is sent")
	}
}
