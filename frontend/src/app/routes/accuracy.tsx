import { getRouteApi } from "@tanstack/react-router";
import { AccuracyReport } from "@/features/accuracy/components/accuracy-report";
import { PageHeader } from "../page-header";

const route = getRouteApi("/app/accuracy");

/** How well the classifier's suggestions hold up once agents confirm the labels. */
export function AccuracyPage() {
  const { backend = "all" } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <>
      <PageHeader
        title="Accuracy"
        description="How often agents kept the suggested labels, on tickets whose labels they confirmed."
      />
      <AccuracyReport
        backend={backend}
        // The classifier shown is in the address, so a shared link shows the same one.
        onBackendChange={(chosen) =>
          navigate({ search: chosen === "all" ? {} : { backend: chosen }, replace: true })
        }
      />
    </>
  );
}
