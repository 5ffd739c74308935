package io.offlinevault.http.codec.archfixture;

/** Stands for a class of the public codec package, which the app may use. */
public final class CodecFixture {
    public String read(String json) {
        return json.strip();
    }
}
