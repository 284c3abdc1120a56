// Package api is tiendo's JSON API under /api/v1 (described by openapi.json,
// served at /api/v1/openapi.json) and the health checks. Each handler binds
// its request (httpx), makes one domain.Store call and writes its answer;
// errors go to the one mapper in httpx.
package api
