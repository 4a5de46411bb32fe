import type { Migration } from 'kysely';
import * as accounts from './2026_11_22_0100_accounts.js';
import * as catalogue from './2026_11_22_0110_catalogue.js';
import * as categoryCounts from './2026_11_22_0120_category_counts.js';
import * as attemptCounters from './2026_12_02_0100_attempt_counters.js';
import * as productVariants from './2026_12_02_0200_product_variants.js';
import * as reviewsWishlists from './2026_12_02_0210_reviews_wishlists.js';
import * as catalogueFreshness from './2026_12_02_0220_catalogue_freshness.js';
import * as commerce from './2026_12_02_0230_commerce.js';
import * as reviewAggregatesByProduct from './2026_12_02_0240_review_aggregates_by_product.js';
import * as freshnessInLinearTime from './2026_12_02_0245_freshness_in_linear_time.js';
import * as payments from './2026_12_03_0100_payments.js';
import * as sessionDetails from './2026_12_03_0200_session_details.js';
import * as eventsOutbox from './2026_12_03_0300_events_outbox.js';
import * as mail from './2026_12_03_0400_mail.js';
import * as passwordReset from './2026_12_03_0500_password_reset.js';
import * as webhooks from './2026_12_03_0600_webhooks.js';
import * as variantOptions from './2026_12_04_0100_variant_options.js';
import * as productImages from './2026_12_04_0200_product_images.js';
import * as adminReads from './2026_12_05_0100_admin_reads.js';

// Listed statically so migrations run the same from source (tsx, vitest) and from dist, with no directory scanning.
export const migrations: Record<string, Migration> = {
  '2026_11_22_0100_accounts': accounts,
  '2026_11_22_0110_catalogue': catalogue,
  '2026_11_22_0120_category_counts': categoryCounts,
  '2026_12_02_0100_attempt_counters': attemptCounters,
  '2026_12_02_0200_product_variants': productVariants,
  '2026_12_02_0210_reviews_wishlists': reviewsWishlists,
  '2026_12_02_0220_catalogue_freshness': catalogueFreshness,
  '2026_12_02_0230_commerce': commerce,
  '2026_12_02_0240_review_aggregates_by_product': reviewAggregatesByProduct,
  '2026_12_02_0245_freshness_in_linear_time': freshnessInLinearTime,
  '2026_12_03_0100_payments': payments,
  '2026_12_03_0200_session_details': sessionDetails,
  '2026_12_03_0300_events_outbox': eventsOutbox,
  '2026_12_03_0400_mail': mail,
  '2026_12_03_0500_password_reset': passwordReset,
  '2026_12_03_0600_webhooks': webhooks,
  '2026_12_04_0100_variant_options': variantOptions,
  '2026_12_04_0200_product_images': productImages,
  '2026_12_05_0100_admin_reads': adminReads,
};
