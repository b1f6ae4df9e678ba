package logto

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
)

// User is a user as the Management API returns it. Logto never answers
// passwords; HasPassword says whether one is set.
type User struct {
	ID           string          `json:"id"`
	Username     *string         `json:"username"`
	PrimaryEmail *string         `json:"primaryEmail"`
	PrimaryPhone *string         `json:"primaryPhone"`
	Name         *string         `json:"name"`
	Avatar       *string         `json:"avatar"`
	CustomData   json.RawMessage `json:"customData"`
	Profile      UserProfile     `json:"profile"`
	IsSuspended  bool            `json:"isSuspended"`
	HasPassword  bool            `json:"hasPassword"`
	CreatedAt    int64           `json:"createdAt"`
	UpdatedAt    int64           `json:"updatedAt"`
}

// UserProfile is a user's profile: the OpenID Connect standard claims Logto
// keeps (its userProfileGuard). Fields this client does not model are kept
// in Extra and sent back unchanged, so that a profile sent whole (see
// UserPatch) loses nothing a newer Logto added.
type UserProfile struct {
	FamilyName        *string      `json:"familyName,omitempty"`
	GivenName         *string      `json:"givenName,omitempty"`
	MiddleName        *string      `json:"middleName,omitempty"`
	Nickname          *string      `json:"nickname,omitempty"`
	PreferredUsername *string      `json:"preferredUsername,omitempty"`
	Profile           *string      `json:"profile,omitempty"`
	Website           *string      `json:"website,omitempty"`
	Gender            *string      `json:"gender,omitempty"`
	Birthdate         *string      `json:"birthdate,omitempty"`
	Zoneinfo          *string      `json:"zoneinfo,omitempty"`
	Locale            *string      `json:"locale,omitempty"`
	Address           *UserAddress `json:"address,omitempty"`
	// Extra holds the fields this client does not model. Keys of the fields
	// above are ignored here.
	Extra map[string]json.RawMessage `json:"-"`
}

// UserAddress is the address claim of a user's profile. Logto replaces it
// as a whole, on every route.
type UserAddress struct {
	Formatted     *string `json:"formatted,omitempty"`
	StreetAddress *string `json:"streetAddress,omitempty"`
	Locality      *string `json:"locality,omitempty"`
	Region        *string `json:"region,omitempty"`
	PostalCode    *string `json:"postalCode,omitempty"`
	Country       *string `json:"country,omitempty"`
	// Extra holds the fields this client does not model.
	Extra map[string]json.RawMessage `json:"-"`
}

var (
	userProfileKeys = jsonKeys(reflect.TypeFor[UserProfile]())
	userAddressKeys = jsonKeys(reflect.TypeFor[UserAddress]())
)

// MarshalJSON encodes the known fields over Extra.
func (p UserProfile) MarshalJSON() ([]byte, error) {
	type plain UserProfile
	return marshalWithExtra(plain(p), p.Extra, userProfileKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (p *UserProfile) UnmarshalJSON(data []byte) error {
	type plain UserProfile
	var v plain
	extra, err := unmarshalWithExtra(data, &v, userProfileKeys)
	if err != nil {
		return err
	}
	v.Extra = extra
	*p = UserProfile(v)
	return nil
}

// MarshalJSON encodes the known fields over Extra.
func (a UserAddress) MarshalJSON() ([]byte, error) {
	type plain UserAddress
	return marshalWithExtra(plain(a), a.Extra, userAddressKeys)
}

// UnmarshalJSON decodes the known fields and keeps the others in Extra.
func (a *UserAddress) UnmarshalJSON(data []byte) error {
	type plain UserAddress
	var v plain
	extra, err := unmarshalWithExtra(data, &v, userAddressKeys)
	if err != nil {
		return err
	}
	v.Extra = extra
	*a = UserAddress(v)
	return nil
}

// UserCreate is the body of POST /api/users. Logto ignores isSuspended
// there (see Client.SetUserSuspended).
type UserCreate struct {
	Username     *string         `json:"username,omitempty"`
	PrimaryEmail *string         `json:"primaryEmail,omitempty"`
	PrimaryPhone *string         `json:"primaryPhone,omitempty"`
	Name         *string         `json:"name,omitempty"`
	Avatar       *string         `json:"avatar,omitempty"`
	Password     *string         `json:"password,omitempty"`
	CustomData   json.RawMessage `json:"customData,omitempty"`
	Profile      *UserProfile    `json:"profile,omitempty"`
}

// String describes the create without its password.
func (in UserCreate) String() string {
	secret := ""
	if in.Password != nil {
		secret = ", Password: <redacted>"
	}
	return "logto.UserCreate{Username: " + deref(in.Username) + ", PrimaryEmail: " + deref(in.PrimaryEmail) + secret + "}"
}

// GoString is String, so that %#v does not print the password either.
func (in UserCreate) GoString() string { return in.String() }

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// UserPatch is the body of PATCH /api/users/{id}. Null (or "") clears an
// identifier, the name or the avatar. customData and profile replace the
// stored objects whole: send a profile built from a fresh read (see
// Client.MergeUserProfile for the merging route).
type UserPatch struct {
	Username     Nullable[string] `json:"username,omitzero"`
	PrimaryEmail Nullable[string] `json:"primaryEmail,omitzero"`
	PrimaryPhone Nullable[string] `json:"primaryPhone,omitzero"`
	Name         Nullable[string] `json:"name,omitzero"`
	Avatar       Nullable[string] `json:"avatar,omitzero"`
	CustomData   json.RawMessage  `json:"customData,omitempty"`
	Profile      *UserProfile     `json:"profile,omitempty"`
}

// IsEmpty reports whether the patch changes nothing (Logto answers an empty
// PATCH with 422 entity.invalid_input).
func (p UserPatch) IsEmpty() bool {
	return p.Username.IsZero() && p.PrimaryEmail.IsZero() && p.PrimaryPhone.IsZero() && p.Name.IsZero() &&
		p.Avatar.IsZero() && p.CustomData == nil && p.Profile == nil
}

func userPath(id string) string { return "/api/users/" + url.PathEscape(id) }

// CreateUser creates a user. Usernames, primary emails and primary phones
// are unique in Logto, so when the answer is lost the user is looked up by
// the first of them the create sets (exact match) among those created since
// the request was sent, and adopted before the request is sent again (see
// create).
func (c *Client) CreateUser(ctx context.Context, in UserCreate) (*User, error) {
	return create(ctx, c, createSpec[User]{
		path: "/api/users",
		in:   in,
		what: "user",
		key:  func(u *User) string { return "user/" + u.ID },
		find: func(ctx context.Context) ([]User, error) {
			switch {
			case in.Username != nil:
				return c.UsersWithUsername(ctx, *in.Username)
			case in.PrimaryEmail != nil:
				return c.UsersWithPrimaryEmail(ctx, *in.PrimaryEmail)
			case in.PrimaryPhone != nil:
				return c.usersWithExact(ctx, "primaryPhone", *in.PrimaryPhone, func(u *User) *string { return u.PrimaryPhone }, false)
			}
			// Nothing unique to look for: never adopt, send again.
			return nil, nil
		},
		createdAt: func(u *User) int64 { return u.CreatedAt },
	})
}

// UsersWithUsername returns the users whose username is exactly username,
// case included (Logto's default username policy is case-sensitive, so
// "Ada" and "ada" may be two users).
func (c *Client) UsersWithUsername(ctx context.Context, username string) ([]User, error) {
	return c.usersWithExact(ctx, "username", username, func(u *User) *string { return u.Username }, false)
}

// UsersWithPrimaryEmail returns the users whose primary email is email,
// ignoring case as Logto does when it keeps emails unique.
func (c *Client) UsersWithPrimaryEmail(ctx context.Context, email string) ([]User, error) {
	return c.usersWithExact(ctx, "primaryEmail", email, func(u *User) *string { return u.PrimaryEmail }, true)
}

// usersWithExact lists the users whose field equals value through Logto's
// exact search (search.<field>=…&mode.<field>=exact, which ignores case),
// then keeps the exact matches. A plain `search=` would be a LIKE pattern:
// Logto adds no wildcards, and `_` and `%` in the value would be wildcards.
func (c *Client) usersWithExact(ctx context.Context, field, value string, get func(*User) *string, foldCase bool) ([]User, error) {
	q := url.Values{}
	q.Set("search."+field, value)
	q.Set("mode."+field, "exact")
	all, err := c.listUsers(ctx, q)
	if err != nil {
		return nil, err
	}
	var out []User
	for _, u := range all {
		v := get(&u)
		if v != nil && (*v == value || (foldCase && strings.EqualFold(*v, value))) {
			out = append(out, u)
		}
	}
	return out, nil
}

// listUsers reads every page of GET /api/users with the given query.
func (c *Client) listUsers(ctx context.Context, q url.Values) ([]User, error) {
	return listAll(ctx, c, "/api/users", q, func(u *User) string { return u.ID })
}

// GetUser reads one user. A missing user answers 404 entity.not_found.
func (c *Client) GetUser(ctx context.Context, id string) (*User, error) {
	var out User
	if err := c.do(ctx, http.MethodGet, userPath(id), nil, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// UpdateUser patches a user and returns it as the server has it after the
// update. The patch sets fields, so repeating it is harmless.
func (c *Client) UpdateUser(ctx context.Context, id string, in UserPatch) (*User, error) {
	var out User
	if err := c.do(ctx, http.MethodPatch, userPath(id), nil, in, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// MergeUserProfile merges profile into the user's profile (PATCH
// /api/users/{id}/profile): the fields it holds replace the stored ones
// (address as a whole), the others stay. It cannot remove a field. Logto
// answers the whole merged profile.
func (c *Client) MergeUserProfile(ctx context.Context, id string, profile UserProfile) (*UserProfile, error) {
	var out UserProfile
	body := struct {
		Profile UserProfile `json:"profile"`
	}{profile}
	if err := c.do(ctx, http.MethodPatch, userPath(id)+"/profile", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetUserSuspended suspends or reinstates a user (PATCH
// /api/users/{id}/is-suspended) and returns the user. A suspended user
// cannot sign in, and Logto signs them out.
func (c *Client) SetUserSuspended(ctx context.Context, id string, suspended bool) (*User, error) {
	var out User
	body := map[string]bool{"isSuspended": suspended}
	if err := c.do(ctx, http.MethodPatch, userPath(id)+"/is-suspended", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// SetUserPassword sets a user's password (PATCH /api/users/{id}/password)
// and returns the user. Logto applies no password policy here; an empty
// password answers 400. Setting the same password twice leaves the same
// state.
func (c *Client) SetUserPassword(ctx context.Context, id, password string) (*User, error) {
	var out User
	body := map[string]string{"password": password}
	if err := c.do(ctx, http.MethodPatch, userPath(id)+"/password", nil, body, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteUser deletes a user with their role links.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.do(ctx, http.MethodDelete, userPath(id), nil, nil, nil)
}
