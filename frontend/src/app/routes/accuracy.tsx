import { AccuracyReport } from "@/features/accuracy/components/accuracy-report";
import { PageHeader } from "../page-header";

/** How well the classifier's suggestions hold up once agents confirm the labels. */
export function AccuracyPage() {
  return (
    <>
      <PageHeader
        title="Accuracy"
        description="How often agents kept the suggested labels, on tickets whose labels they confirmed."
      />
      <AccuracyReport />
    </>
  );
}
