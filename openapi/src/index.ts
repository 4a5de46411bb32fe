/** Server-side documentation tooling: the OpenAPI document and the Postman collection derived from it. */
export { API_INFO, LOCAL_SERVER, buildOpenApiDocument } from './openapi.js';
export { toPostmanCollection } from './postman.js';
