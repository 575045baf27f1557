package dev.lstmforge.runtime;

import dev.lstmforge.runtime.util.Messages;
import dev.lstmforge.spi.LstmForgeException;
import dev.lstmforge.spi.LstmProject;
import java.io.IOException;

/**
 * Runs plugin code with the plugin's class loader as the thread's context class loader (DJL
 * resolves some classes by name through it), and turns checked failures into
 * {@link LstmForgeException}s whose messages carry no class names.
 *
 * <pre>{@code
 * Block block = PluginCalls.call(project, () -> project.newBlock(hp, state));
 * }</pre>
 */
final class PluginCalls {

    /** Plugin code that may throw anything. */
    @FunctionalInterface
    interface PluginCall<T> {
        T call() throws Exception;
    }

    private PluginCalls() {}

    /**
     * Calls a project's code inside its plugin's class loader.
     *
     * @param project the project
     * @param call the code
     * @param <T> the result type
     * @return the result
     */
    static <T> T call(LstmProject<?, ?> project, PluginCall<T> call) {
        return call(project.getClass().getClassLoader(), project.info().id(), call);
    }

    /**
     * Calls code inside a class loader. {@link LstmForgeException}s and other unchecked
     * exceptions pass unchanged (a plugin bug keeps its stack trace); checked ones become a
     * {@link LstmForgeException}.
     *
     * @param loader the context class loader to set
     * @param who what the code belongs to, prefixed to messages of unexpected failures
     * @param call the code
     * @param <T> the result type
     * @return the result
     */
    static <T> T call(ClassLoader loader, String who, PluginCall<T> call) {
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (IOException e) {
            throw new LstmForgeException(Messages.describe(e), e);
        } catch (Exception e) {
            throw new LstmForgeException(who + ": " + Messages.describe(e), e);
        } finally {
            t.setContextClassLoader(before);
        }
    }
}
