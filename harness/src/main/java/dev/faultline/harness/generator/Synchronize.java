package dev.faultline.harness.generator;

/**
 * Waits until every visible thread is free, then behaves as the generator (Jepsen's
 * {@code synchronize}); what {@link Generators#phases} puts between phases.
 */
record Synchronize(Generator generator) implements Generator {

    @Override
    public Step next(Context context) {
        if (!context.allFree()) {
            return Step.pendingUntilEvent(this);
        }
        return generator.next(context);
    }

    @Override
    public Generator update(Context context, Event event) {
        return new Synchronize(generator.update(context, event));
    }
}
