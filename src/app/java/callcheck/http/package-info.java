/**
 * The application, not the library: the HTTP service ({@code callcheck serve}) that evaluates proposals over the
 * contract of {@code /openapi.json}. It needs the optional dependencies (Javalin, Jetty, Micrometer) that the
 * runnable jar carries; an application embedding the engine leaves them out. Not API: may change in any release.
 */
package callcheck.http;
