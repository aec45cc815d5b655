namespace SecureApi.SampleTests.OpenApi;

/// <summary>
/// A small OpenAPI 3.1 document written by hand, shaped like the sample's (refs, a path-level parameter, security
/// inherited and overridden, vendor extensions), for the unit tests of the conformance tooling.
/// </summary>
public static class HandWrittenDocument
{
    public const string Json = """
        {
          "openapi": "3.1.1",
          "info": { "title": "hand-written", "version": "1" },
          "security": [ { "apiKey": [] } ],
          "paths": {
            "/notes": {
              "get": {
                "operationId": "ListNotes",
                "security": [ { "bearer": ["notes:read"] }, { "apiKey": ["notes:read"] } ],
                "parameters": [
                  { "name": "limit", "in": "query", "schema": { "type": "integer", "format": "int32", "minimum": 1, "maximum": 100 } },
                  { "name": "sort", "in": "query", "schema": { "enum": ["title", "-title"] } }
                ],
                "responses": { "200": {}, "400": {}, "401": {}, "403": {}, "429": {} }
              },
              "post": {
                "operationId": "CreateNote",
                "security": [ { "apiKey": ["notes:write"] } ],
                "requestBody": { "required": true, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewNote" } } } },
                "responses": { "201": {}, "400": {}, "401": {}, "403": {}, "413": {}, "415": {}, "429": {} }
              }
            },
            "/notes/{id}": {
              "parameters": [ { "$ref": "#/components/parameters/Id" } ],
              "get": {
                "operationId": "GetNote",
                "responses": { "200": {}, "404": {}, "4XX": {} }
              }
            },
            "/notes/export": {
              "get": { "operationId": "ExportNotes", "responses": { "200": {} } }
            },
            "/admin/keys": {
              "post": {
                "operationId": "MintKey",
                "x-secureapi-roles": [["admin"]],
                "x-secureapi-client-kinds": ["user"],
                "requestBody": { "content": { "application/json": { "schema": { "$ref": "#/components/schemas/NewApiKey" } } } },
                "responses": { "201": {}, "400": {}, "default": {} }
              }
            },
            "/info": {
              "get": { "operationId": "Info", "security": [], "responses": { "200": {} } }
            }
          },
          "components": {
            "parameters": {
              "Id": { "name": "id", "in": "path", "required": true, "schema": { "type": "string", "format": "uuid" } }
            },
            "securitySchemes": {
              "apiKey": { "type": "apiKey", "in": "header", "name": "X-Api-Key" },
              "bearer": { "type": "http", "scheme": "bearer", "bearerFormat": "JWT" }
            },
            "schemas": {
              "NewNote": {
                "type": "object",
                "additionalProperties": false,
                "required": ["title", "body"],
                "properties": {
                  "id": { "type": "string", "format": "uuid", "readOnly": true },
                  "title": { "type": "string", "maxLength": 200 },
                  "body": { "type": "string", "minLength": 1, "maxLength": 10000 },
                  "privateNote": { "type": ["string", "null"], "maxLength": 2000 },
                  "meta": { "$ref": "#/components/schemas/Meta" }
                }
              },
              "Meta": {
                "type": "object",
                "additionalProperties": false,
                "properties": {
                  "tags": { "type": "array", "items": { "type": "string", "maxLength": 10 }, "minItems": 1, "maxItems": 3 },
                  "stars": { "type": "integer", "format": "int32", "minimum": 0, "maximum": 5 }
                }
              },
              "NewApiKey": {
                "type": "object",
                "required": ["subject"],
                "properties": {
                  "subject": { "type": "string", "maxLength": 200, "pattern": "^[^\\p{Cc}\\s]([^\\p{Cc}]*[^\\p{Cc}\\s])?$" },
                  "roles": { "type": ["string", "null"], "maxLength": 2000, "pattern": "^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}( [\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}){0,49}$" },
                  "kind": { "anyOf": [ { "type": "null" }, { "$ref": "#/components/schemas/ClientKind" } ] },
                  "lifetimeDays": { "type": ["integer", "null"], "format": "int32", "minimum": 1, "maximum": 365 },
                  "count": { "type": "integer", "format": "int32" }
                }
              },
              "ClientKind": { "type": "string", "enum": ["User", "Service", "Agent"] }
            }
          }
        }
        """;

    public static OpenApiDescription Parse() => OpenApiDescription.Parse(Json);
}
