package accounts

import "github.com/jmoiron/sqlx"

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
	TouchSession       *sqlx.Stmt `query:"touch-session"`
	RevokeSession      *sqlx.Stmt `query:"revoke-session"`
}
