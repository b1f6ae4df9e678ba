package emulator

import (
	"bytes"
	"encoding/json"
	"regexp"
)

// User is a user as the Management API returns it. Passwords are never part of it: the store
// keeps only whether one is set (hasPassword).
type User struct {
	// ID is the server-generated id: 12 lowercase letters and digits.
	ID string `json:"id"`
	// Username is unique (case-sensitively) when set.
	Username *string `json:"username"`
	// PrimaryEmail is unique when set.
	PrimaryEmail *string `json:"primaryEmail"`
	// PrimaryPhone is unique when set (digits only).
	PrimaryPhone *string `json:"primaryPhone"`
	// Name is the display name.
	Name *string `json:"name"`
	// Avatar is a URL.
	Avatar *string `json:"avatar"`
	// CustomData is free-form JSON.
	CustomData JSONObject `json:"customData"`
	// Identities are the social identities (always empty here).
	Identities JSONObject `json:"identities"`
	// LastSignInAt is null: nobody signs in to the emulator.
	LastSignInAt *int64 `json:"lastSignInAt"`
	// CreatedAt is the creation time in milliseconds since the Unix epoch.
	CreatedAt int64 `json:"createdAt"`
	// UpdatedAt is the last change in milliseconds since the Unix epoch.
	UpdatedAt int64 `json:"updatedAt"`
	// Profile holds OIDC standard claims, answered in the key order of Logto's guard.
	Profile UserProfile `json:"profile"`
	// ApplicationID is the application the user signed up with (always null here).
	ApplicationID *string `json:"applicationId"`
	// IsSuspended blocks sign-in.
	IsSuspended bool `json:"isSuspended"`
	// HasPassword reports whether a password (or digest) is set.
	HasPassword bool `json:"hasPassword"`
}

// UserProfile is a user's profile: the keys of Logto's userProfileGuard, answered in its order.
type UserProfile map[string]any

// profileKeys and addressKeys are the keys of userProfileGuard and its address, in order.
var (
	profileKeys = []string{
		"familyName", "givenName", "middleName", "nickname", "preferredUsername", "profile",
		"website", "gender", "birthdate", "zoneinfo", "locale", "address",
	}
	addressKeys = []string{"formatted", "streetAddress", "locality", "region", "postalCode", "country"}
)

// MarshalJSON writes the profile keys in the guard's order.
func (p UserProfile) MarshalJSON() ([]byte, error) {
	return marshalInOrder(p, profileKeys)
}

func marshalInOrder(m map[string]any, keys []string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	for _, k := range keys {
		v, ok := m[k]
		if !ok {
			continue
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		name, _ := json.Marshal(k)
		buf.Write(name)
		buf.WriteByte(':')
		var raw []byte
		var err error
		if address, isMap := v.(map[string]any); isMap && k == "address" {
			raw, err = marshalInOrder(address, addressKeys)
		} else {
			raw, err = marshalNoEscape(v)
		}
		if err != nil {
			return nil, err
		}
		buf.Write(bytes.TrimSpace(raw))
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// userRecord is a stored user with its insertion order.
type userRecord struct {
	User User `json:"user"`
	seq  int64
}

func (u User) clone() User {
	u.Username, u.PrimaryEmail, u.PrimaryPhone = clonePtr(u.Username), clonePtr(u.PrimaryEmail), clonePtr(u.PrimaryPhone)
	u.Name, u.Avatar = clonePtr(u.Name), clonePtr(u.Avatar)
	u.CustomData = JSONObject(cloneObject(u.CustomData))
	u.Identities = JSONObject{}
	u.Profile = UserProfile(cloneObject(u.Profile))
	return u
}

// normalizeUser restores the non-null defaults JSON may have lost.
func normalizeUser(u *User) {
	if u.CustomData == nil {
		u.CustomData = JSONObject{}
	}
	if u.Identities == nil {
		u.Identities = JSONObject{}
	}
	if u.Profile == nil {
		u.Profile = UserProfile{}
	}
}

// userSearchFields are the columns Logto searches users by.
var userSearchFields = []string{"id", "primary_email", "primary_phone", "username", "name"}

func userField(u *User) func(string) *string {
	return func(f string) *string {
		switch f {
		case "id":
			return &u.ID
		case "primary_email":
			return u.PrimaryEmail
		case "primary_phone":
			return u.PrimaryPhone
		case "username":
			return u.Username
		default:
			return u.Name
		}
	}
}

// Logto's regular expressions for user identifiers (@logto/core-kit).
var (
	usernamePattern = regexp.MustCompile(`^[A-Z_a-z]\w*$`)
	emailPattern    = regexp.MustCompile(`^\S+@\S+\.\S+$`)
	phonePattern    = regexp.MustCompile(`^\d+$`)
)

// passwordAlgorithms are the values of passwordAlgorithm.
var passwordAlgorithms = []string{"Argon2i", "Argon2id", "Argon2d", "SHA1", "SHA256", "MD5", "Bcrypt", "Legacy"}
