package accounts

import "github.com/jmoiron/sqlx"

// accountQueries are the statements of account administration and API tokens
// (queries/accounts.sql).
type accountQueries struct {
	LockAccount    *sqlx.Stmt `query:"lock-account"`
	UserInCommune  *sqlx.Stmt `query:"user-in-commune"`
	SetPassword    *sqlx.Stmt `query:"set-password"`
	DisableUser    *sqlx.Stmt `query:"disable-user"`
	DeleteMembers  *sqlx.Stmt `query:"delete-memberships"`
	RevokeSessions *sqlx.Stmt `query:"revoke-user-sessions"`
	RevokeTokens   *sqlx.Stmt `query:"revoke-user-api-tokens"`
	InsertToken    *sqlx.Stmt `query:"insert-api-token"`
	ListTokens     *sqlx.Stmt `query:"list-api-tokens"`
	RevokeToken    *sqlx.Stmt `query:"revoke-api-token"`
	TokenByHash    *sqlx.Stmt `query:"api-token-by-hash"`
	TouchToken     *sqlx.Stmt `query:"touch-api-token"`
	UpdateContact  *sqlx.Stmt `query:"update-contact"`
	// Calendar feeds (calfeed.go, queries/calendar_feeds.sql).
	UpsertFeed *sqlx.Stmt `query:"upsert-calendar-feed"`
	DeleteFeed *sqlx.Stmt `query:"delete-calendar-feed"`
	DropFeeds  *sqlx.Stmt `query:"delete-calendar-feeds-of-user"`
	FeedOf     *sqlx.Stmt `query:"calendar-feed-of"`
	FeedByHash *sqlx.Stmt `query:"calendar-feed-by-hash"`
}

// orgQueries read and write communes, units, people and their sessions.
type orgQueries struct {
	CommuneByID        *sqlx.Stmt `query:"commune-by-id"`
	InsertCommune      *sqlx.Stmt `query:"insert-commune"`
	ListUnits          *sqlx.Stmt `query:"list-units"`
	InsertUnit         *sqlx.Stmt `query:"insert-unit"`
	ListUsers          *sqlx.Stmt `query:"list-users"`
	InsertUser         *sqlx.Stmt `query:"insert-user"`
	InsertProvinceUser *sqlx.Stmt `query:"insert-province-user"`
	InsertMember       *sqlx.Stmt `query:"insert-membership"`
	UserByName         *sqlx.Stmt `query:"user-by-username"`
	UserByID           *sqlx.Stmt `query:"user-by-id"`
	MembershipsOf      *sqlx.Stmt `query:"memberships-of"`
	InsertSession      *sqlx.Stmt `query:"insert-session"`
	SessionByHash      *sqlx.Stmt `query:"session-by-hash"`
	EnterSession       *sqlx.Stmt `query:"enter-session"`
	TouchSession       *sqlx.Stmt `query:"touch-session"`
	RevokeSession      *sqlx.Stmt `query:"revoke-session"`
}

// loginQueries are the statements of sign-in throttling.
type loginQueries struct {
	Window *sqlx.Stmt `query:"throttle-window"`
	Insert *sqlx.Stmt `query:"insert-login-attempt"`
	Prune  *sqlx.Stmt `query:"prune-login-attempts"`
}
