package server

import _ "embed"

// openapiJSON is the OpenAPI 3.1 description of the API, served at
// /v1/openapi.json. TestOpenAPI checks it against the route table and
// checks the answers of the end-to-end tests against its schemas.
//
//go:embed openapi.json
var openapiJSON []byte
