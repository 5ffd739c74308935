package io.offlinevault.domain.entry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Coveo resource type, stored upper case. The set is open: any name of {@code [A-Z][A-Z0-9_]{0,63}}
 * is accepted (Coveo adds types; newer clients must not be rejected), and the 30 known types are
 * constants.
 */
public record ResourceType(String name) implements Comparable<ResourceType> {
    private static final Pattern SHAPE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    public static final ResourceType CATALOG = new ResourceType("CATALOG");
    public static final ResourceType CATALOG_CONFIG = new ResourceType("CATALOG_CONFIG");
    public static final ResourceType EXTENSION = new ResourceType("EXTENSION");
    public static final ResourceType FEATURED_RESULT = new ResourceType("FEATURED_RESULT");
    public static final ResourceType FIELD = new ResourceType("FIELD");
    public static final ResourceType FILTER = new ResourceType("FILTER");
    public static final ResourceType INSIGHT_PANEL_CONFIGURATION = new ResourceType("INSIGHT_PANEL_CONFIGURATION");
    public static final ResourceType INSIGHT_PANEL_INTERFACE = new ResourceType("INSIGHT_PANEL_INTERFACE");
    public static final ResourceType LISTING_PAGE = new ResourceType("LISTING_PAGE");
    public static final ResourceType MAPPING = new ResourceType("MAPPING");
    public static final ResourceType ML_MODEL = new ResourceType("ML_MODEL");
    public static final ResourceType ML_MODEL_ASSOCIATION = new ResourceType("ML_MODEL_ASSOCIATION");
    public static final ResourceType QUERY_PARAMETER = new ResourceType("QUERY_PARAMETER");
    public static final ResourceType QUERY_PIPELINE = new ResourceType("QUERY_PIPELINE");
    public static final ResourceType QUERY_PIPELINE_CONDITION = new ResourceType("QUERY_PIPELINE_CONDITION");
    public static final ResourceType RANKING_EXPRESSION = new ResourceType("RANKING_EXPRESSION");
    public static final ResourceType RANKING_WEIGHT = new ResourceType("RANKING_WEIGHT");
    public static final ResourceType RESULT_RANKING = new ResourceType("RESULT_RANKING");
    public static final ResourceType SEARCH_PAGE = new ResourceType("SEARCH_PAGE");
    public static final ResourceType SECURITY_PROVIDER = new ResourceType("SECURITY_PROVIDER");
    public static final ResourceType SETTING = new ResourceType("SETTING");
    public static final ResourceType SOURCE = new ResourceType("SOURCE");
    public static final ResourceType STATEMENT_GROUP = new ResourceType("STATEMENT_GROUP");
    public static final ResourceType STOP_WORD = new ResourceType("STOP_WORD");
    public static final ResourceType STOREFRONT_ASSOCIATION = new ResourceType("STOREFRONT_ASSOCIATION");
    public static final ResourceType SUBSCRIPTION = new ResourceType("SUBSCRIPTION");
    public static final ResourceType THESAURUS = new ResourceType("THESAURUS");
    public static final ResourceType TRACKING_ID = new ResourceType("TRACKING_ID");
    public static final ResourceType TRIGGER = new ResourceType("TRIGGER");
    public static final ResourceType UNKNOWN = new ResourceType("UNKNOWN");

    /** The 30 types Coveo documents today, sorted by name. */
    public static final List<ResourceType> KNOWN = List.of(CATALOG, CATALOG_CONFIG, EXTENSION, FEATURED_RESULT,
            FIELD, FILTER, INSIGHT_PANEL_CONFIGURATION, INSIGHT_PANEL_INTERFACE, LISTING_PAGE, MAPPING, ML_MODEL,
            ML_MODEL_ASSOCIATION, QUERY_PARAMETER, QUERY_PIPELINE, QUERY_PIPELINE_CONDITION, RANKING_EXPRESSION,
            RANKING_WEIGHT, RESULT_RANKING, SEARCH_PAGE, SECURITY_PROVIDER, SETTING, SOURCE, STATEMENT_GROUP,
            STOP_WORD, STOREFRONT_ASSOCIATION, SUBSCRIPTION, THESAURUS, TRACKING_ID, TRIGGER, UNKNOWN);

    public ResourceType {
        if (name == null || !SHAPE.matcher(name).matches()) {
            throw new IllegalArgumentException("a resource type is [A-Z][A-Z0-9_]{0,63}");
        }
    }

    /** {@return the type named {@code raw} after upper-casing, or empty when it is not of the type shape} */
    public static Optional<ResourceType> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String upper = raw.toUpperCase(Locale.ROOT);
        return SHAPE.matcher(upper).matches() ? Optional.of(new ResourceType(upper)) : Optional.empty();
    }

    /** {@return the type named {@code name}, which must already be upper case and well formed} */
    public static ResourceType of(String name) {
        return new ResourceType(name);
    }

    /** {@return whether Coveo documents this type} */
    public boolean isKnown() {
        return KNOWN.contains(this);
    }

    @Override
    public int compareTo(ResourceType other) {
        return name.compareTo(other.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
