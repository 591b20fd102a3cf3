package io.dx0.session.web;

import jakarta.ws.rs.BadRequestException;

/** A path or query parameter the service cannot use: 400, with its message as the problem's detail. */
public class InvalidParameterException extends BadRequestException {

    public InvalidParameterException(String detail) {
        super(detail);
    }
}
