package callcheck.store;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * The embedded store's connections, failing on command as H2's do when it closed the database after a write error: a
 * connection made before the fault stays dead for good (while {@code isValid} still passes, as a ping may), and no new
 * one can be made until the fault is gone.
 */
public final class FaultyConnections implements UnaryOperator<DataSource> {
    private static final Set<String> DEAD = Set.of("prepareStatement", "createStatement", "commit");
    private volatile boolean failing;
    private volatile int fault;
    private final AtomicInteger refused = new AtomicInteger();

    /** The store in the folder, on these connections. */
    public static DecisionStore open(Path data, FaultyConnections faults) {
        return JdbcStore.open(null, data, faults);
    }

    /** From now on: the connections made so far are dead, and new ones are refused. */
    public synchronized void start() {
        fault++;
        failing = true;
    }

    /** New connections work again; the dead ones stay dead. */
    public void stop() {
        failing = false;
    }

    /** How many times a connection was refused or a dead one used: what the store tried meanwhile. */
    public int refused() {
        return refused.get();
    }

    @Override
    public DataSource apply(DataSource real) {
        return proxy(DataSource.class, (p, m, args) -> {
            if (!m.getName().equals("getConnection")) return call(real, m, args);
            if (failing) throw refuse("cannot open the database: injected fault");
            return connection((Connection) call(real, m, args), fault);
        });
    }

    private Connection connection(Connection real, int madeBefore) {
        return proxy(Connection.class, (p, m, args) -> {
            if (fault != madeBefore && DEAD.contains(m.getName())) throw refuse("The database has been closed (injected fault)");
            return call(real, m, args);
        });
    }

    private SQLException refuse(String message) {
        refused.incrementAndGet();
        // H2's state for a closed database (90098), not a connection state (08...) that the pool would evict for itself
        return new SQLException(message, "90098", 90098);
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object call(Object target, java.lang.reflect.Method m, Object[] args) throws Throwable {
        try {
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
