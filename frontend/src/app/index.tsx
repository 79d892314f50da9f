import { AppProvider } from "./provider";
import { SupportDeskPage } from "./support-desk-page";

export function App() {
  return (
    <AppProvider>
      <SupportDeskPage />
    </AppProvider>
  );
}
