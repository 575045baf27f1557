package dev.lstmforge.serving;

import com.google.gson.JsonObject;

/**
 * An error the server answers with, as DJL Serving writes them: an HTTP status and a JSON body
 * {@code {"code": 404, "type": "ModelNotFoundException", "message": "..."}}. The type names are
 * DJL Serving's, so clients that branch on them keep working.
 *
 * <pre>{@code
 * throw ApiError.notFound("model 'stock' is not loaded; loaded: [sensor-anomaly]");
 * }</pre>
 */
public final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final String type;

    /**
     * Makes an error.
     *
     * @param code the HTTP status
     * @param type the error's type name
     * @param message what went wrong, for the client
     */
    public ApiError(int code, String type, String message) {
        super(message);
        this.code = code;
        this.type = type;
    }

    /**
     * A request the server cannot use: a translator refused its body, or a parameter is wrong.
     *
     * @param message what is wrong, naming the field and value
     * @return a 400 error
     */
    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequestException", message);
    }

    /**
     * A body the model's translator refused.
     *
     * @param message the translator's reason
     * @return a 400 error of type {@code TranslateException}
     */
    public static ApiError translate(String message) {
        return new ApiError(400, "TranslateException", message);
    }

    /**
     * An unknown model, version or route.
     *
     * @param message what was asked for and what exists
     * @return a 404 error
     */
    public static ApiError notFound(String message) {
        return new ApiError(404, "ModelNotFoundException", message);
    }

    /**
     * The server cannot take the request now: the queue is full, the server is stopping, the
     * model is not loaded yet or failed to load, or the request timed out.
     *
     * @param message why
     * @return a 503 error
     */
    public static ApiError unavailable(String message) {
        return new ApiError(503, "ServiceUnavailableException", message);
    }

    /**
     * A fault of the server or the model, not of the request.
     *
     * @param message what failed
     * @return a 500 error
     */
    public static ApiError internal(String message) {
        return new ApiError(500, "InternalServerException", message);
    }

    /** @return the HTTP status */
    public int code() {
        return code;
    }

    /** @return the error's type name */
    public String type() {
        return type;
    }

    /** @return the JSON body */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("code", code);
        o.addProperty("type", type);
        o.addProperty("message", getMessage());
        return o.toString();
    }
}
